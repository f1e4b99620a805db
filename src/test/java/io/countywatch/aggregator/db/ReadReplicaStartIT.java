package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countywatch.aggregator.AggregatorApplication;
import io.countywatch.aggregator.support.TestDatabase;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A read replica that cannot be used stops the start with a report naming {@code aggregator.db.read-url}, as a
 * primary that cannot be reached stops it at the migrations; without a read URL the reads use the primary's pool.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadReplicaStartIT {

    private static SpringApplicationBuilder service() {
        return new SpringApplicationBuilder(AggregatorApplication.class);
    }

    private static String[] arguments(String... more) {
        String database = TestDatabase.freshDatabase("read_replica_start");
        String[] base = {
            "--server.port=0",
            "--aggregator.db.url=" + database,
            "--aggregator.db.username=" + TestDatabase.server().user(),
            "--aggregator.polling.enabled=false"
        };
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aReplicaNobodyAnswersOnStopsTheStartNamingTheSetting(CapturedOutput output) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String readUrl = "r2dbc:postgresql://127.0.0.1:" + closed + "/aggregator";

        assertThatThrownBy(() -> service().run(arguments("--aggregator.db.read-url=" + readUrl)))
                .hasStackTraceContaining("aggregator.db.read-url");

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("aggregator.db.read-url (AGGREGATOR_DB_READ_URL): cannot read the replica at"
                        + " jdbc:postgresql://127.0.0.1:" + closed + "/aggregator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://127.0.0.1/aggregator", "r2dbc:postgresql://"})
    void aMalformedReadUrlStopsTheStartNamingTheSetting(String readUrl, CapturedOutput output) {
        assertThatThrownBy(() -> service().run(arguments("--aggregator.db.read-url=" + readUrl)))
                .hasStackTraceContaining("aggregator.db.read-url");

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("aggregator.db.read-url (AGGREGATOR_DB_READ_URL)");
    }

    @Test
    void withoutAReadUrlTheReadsUseThePrimarysOnePool() {
        try (var context = service().run(arguments())) {
            ReadDatabase reads = context.getBean(ReadDatabase.class);

            assertThat(reads.lags()).isFalse();
            assertThat(reads.client()).isSameAs(context.getBean(DatabaseClient.class));
        }
    }
}
