package io.countywatch.aggregator.cli;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * {@code java -jar aggregator.jar --preview=ID}: the pipeline up to the store (config, fetch, extract, dedupe,
 * store, poll) without the web server, the feeds, the live stream or the scheduler. It only reads a database
 * ({@code aggregator.db.read-only}): a running service's embedded server or the external one, never a server of
 * its own. Standard output carries the JSON alone; everything else, logs included, goes to standard error.
 */
// Not a @Configuration: the service's own component scan (which covers this package) must not pick it up.
@EnableAutoConfiguration
// the scheduler, left out below, is what enables PollingProperties in the service
@ConfigurationPropertiesScan("io.countywatch.aggregator.poll")
@ComponentScan(
        basePackages = {
            "io.countywatch.aggregator.config",
            "io.countywatch.aggregator.fetch",
            "io.countywatch.aggregator.extract",
            "io.countywatch.aggregator.dedupe",
            "io.countywatch.aggregator.db",
            "io.countywatch.aggregator.store",
            "io.countywatch.aggregator.poll",
            "io.countywatch.aggregator.cli"
        },
        // the scheduler leases and syncs sources: a preview polls nothing and writes nothing
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.poll\\.PollScheduler"))
public class PreviewApplication {

    /** True when the arguments ask for a command (a preview, a discovery) rather than the service. */
    public static boolean wanted(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--preview=") || arg.startsWith("--discover=")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        // Anything that prints to System.out (a log appender, a library) now prints to stderr; the JSON is written
        // to file descriptor 1 directly (PreviewCommand), so `--preview=ID | jq` gets the JSON alone.
        System.setOut(System.err);
        SpringApplication application = new SpringApplication(PreviewApplication.class);
        application.setDefaultProperties(Map.of(
                "spring.main.web-application-type", "none",
                "aggregator.polling.enabled", "false",
                "aggregator.db.read-only", "true",
                // keep-alive holds the JVM open until the preview (on daemon reactor threads) has printed
                "spring.main.keep-alive", "true"));
        application.run(args);
    }

    /** The one clock every time decision reads. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
