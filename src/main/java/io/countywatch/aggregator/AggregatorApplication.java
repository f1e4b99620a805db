package io.countywatch.aggregator;

import io.countywatch.aggregator.cli.PreviewApplication;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The aggregator service: polls the sources file's sites and feeds, stores items, serves merged feeds. */
@SpringBootApplication
public class AggregatorApplication {

    public static void main(String[] args) {
        if (PreviewApplication.wanted(args)) {
            // --preview=ID (or --discover=URL) prints one source's preview (a site's columns) and exits: no HTTP
            // server, no polling, no database server
            PreviewApplication.main(args);
            return;
        }
        SpringApplication.run(AggregatorApplication.class, args);
    }

    /** The one clock every time decision reads, so tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
