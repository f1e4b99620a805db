package io.countywatch.aggregator.support;

import io.countywatch.aggregator.AggregatorApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole service in this JVM, on a free port, against a database of the shared test server. */
public final class ServiceInstance {

    private ServiceInstance() {}

    /**
     * Starts the service on {@code r2dbcUrl} (from {@link TestDatabase#freshDatabase}) with further settings such as
     * {@code "--aggregator.polling.tick=100ms"}. They go in as command-line arguments, because default properties
     * lose to application.yml's {@code ${AGGREGATOR_DB_URL:}}.
     */
    public static ConfigurableApplicationContext start(String r2dbcUrl, String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--aggregator.db.url=" + r2dbcUrl,
                "--aggregator.db.username=" + TestDatabase.server().user(),
                "--aggregator.db.password=" + TestDatabase.server().password()));
        args.addAll(Arrays.asList(settings));
        return new SpringApplicationBuilder(AggregatorApplication.class).run(args.toArray(String[]::new));
    }
}
