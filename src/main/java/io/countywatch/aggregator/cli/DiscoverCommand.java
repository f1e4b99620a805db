package io.countywatch.aggregator.cli;

import io.countywatch.aggregator.poll.Discovery;
import io.countywatch.aggregator.poll.DiscoveryReport;
import io.countywatch.aggregator.web.api.DiscoveryJson;
import java.net.URI;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line onboarding: {@code java -jar aggregator.jar --discover=URL} reads a county's homepage, finds its
 * news columns and feeds, previews each in automatic mode and prints a ready {@code sources.yml} fragment with each
 * candidate's health as comments (add {@code --json} for the whole report as JSON, as {@code GET /api/discover}
 * answers). Stdout carries only the result; logs go to stderr. Exit status 0 when a usable column was found.
 */
@Component
class DiscoverCommand implements ApplicationRunner {

    private final Discovery discovery;
    private final JsonMapper json;
    private final ConfigurableApplicationContext context;

    DiscoverCommand(Discovery discovery, JsonMapper json, ConfigurableApplicationContext context) {
        this.discovery = discovery;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> urls = args.getOptionValues("discover");
        if (urls == null || urls.isEmpty()) {
            return;
        }
        URI home;
        try {
            home = URI.create(urls.get(0));
        } catch (IllegalArgumentException e) {
            System.err.println("--discover needs a URL: " + e.getMessage());
            exit(2);
            return;
        }
        boolean asJson = args.containsOption("json");
        // Subscribed, not blocked on: the exit happens when the report arrives.
        discovery.discover(home).subscribe(report -> {
            CommandOutput.standardOutput()
                    .println(
                            asJson
                                    ? json.writerWithDefaultPrettyPrinter().writeValueAsString(DiscoveryJson.of(report))
                                    : text(report));
            exit(report.error() == null && !report.sources().isEmpty() ? 0 : 1);
        });
    }

    private static String text(DiscoveryReport report) {
        if (report.error() != null) {
            return "# discover " + report.site() + " failed: " + report.error();
        }
        return report.fragment();
    }

    private void exit(int status) {
        CommandOutput.exit(context, status, "discover");
    }
}
