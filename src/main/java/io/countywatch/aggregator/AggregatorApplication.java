package io.countywatch.aggregator;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The aggregator service: polls the sources file's sites and feeds, stores items, serves merged feeds. */
@SpringBootApplication
public class AggregatorApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AggregatorApplication.class);
        if (java.util.Arrays.stream(args)
                .anyMatch(arg -> arg.startsWith("--preview=") || arg.startsWith("--discover="))) {
            // --preview=ID (or --discover=URL) prints one source's preview (a site's columns) and exits: no HTTP
            // server, no polling; keep-alive holds the
            // JVM open until the preview (which runs on daemon reactor threads) has printed.
            application.setDefaultProperties(java.util.Map.of(
                    "spring.main.web-application-type", "none",
                    "aggregator.polling.enabled", "false",
                    "spring.main.keep-alive", "true"));
        }
        application.run(args);
    }

    /** The one clock every time decision reads, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
