package io.countywatch.aggregator.cli;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.db.DatabaseEndpoint;
import io.countywatch.aggregator.poll.Preview;
import io.countywatch.aggregator.poll.SourcePoller;
import io.countywatch.aggregator.poll.StorelessPreview;
import io.countywatch.aggregator.web.api.PreviewJson;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line preview: {@code java -jar aggregator.jar --preview=ID} fetches that source now, prints what a
 * poll would extract as JSON (the same as {@code GET /api/sources/ID/preview}) and exits; nothing is stored.
 * With a database to read (a running service's, or the external one) it shows the dedupe decisions; without one
 * it says they are skipped. Exit status 0 when items were found, 1 when the preview shows an error or the source
 * is unknown.
 */
@Component
class PreviewCommand implements ApplicationRunner {

    private final SourceRegistry registry;
    private final SourcePoller poller;
    private final StorelessPreview storeless;
    private final DatabaseEndpoint database;
    private final JsonMapper json;
    private final ConfigurableApplicationContext context;

    PreviewCommand(
            SourceRegistry registry,
            SourcePoller poller,
            StorelessPreview storeless,
            DatabaseEndpoint database,
            JsonMapper json,
            ConfigurableApplicationContext context) {
        this.registry = registry;
        this.poller = poller;
        this.storeless = storeless;
        this.database = database;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> ids = args.getOptionValues("preview");
        if (ids == null || ids.isEmpty()) {
            return;
        }
        String id = ids.get(0);
        var source = registry.current().find(id);
        if (source.isEmpty()) {
            System.err.println(
                    "no source with id " + id + " in " + registry.current().file());
            exit(1);
            return;
        }
        // Subscribed, not blocked on: the exit happens when the preview arrives.
        preview(source.get())
                .subscribe(
                        preview -> {
                            CommandOutput.standardOutput()
                                    .println(json.writerWithDefaultPrettyPrinter()
                                            .writeValueAsString(PreviewJson.of(preview)));
                            exit(preview.error() == null ? 0 : 1);
                        },
                        error -> {
                            System.err.println("preview " + id + " failed: " + error);
                            exit(1);
                        });
    }

    private Mono<Preview> preview(SourceDefinition source) {
        return database.present() ? poller.preview(source) : storeless.preview(source);
    }

    private void exit(int status) {
        CommandOutput.exit(context, status, "preview");
    }
}
