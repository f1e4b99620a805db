package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourceRegistry;
import io.countywatch.aggregator.config.SourcesConfig;
import io.countywatch.aggregator.fetch.HostKeys;
import io.countywatch.aggregator.store.sources.SourceRow;
import io.countywatch.aggregator.store.sources.SourceStateRepository;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the source table in step with the sources file: at start and after every applied reload. The write
 * happens in the scheduler's next round, so a database hiccup only delays it.
 */
@Component
class SourceSync {

    private static final Logger log = LoggerFactory.getLogger(SourceSync.class);

    private final SourceStateRepository states;
    private final AtomicReference<SourcesConfig> unsynced = new AtomicReference<>();

    SourceSync(SourceRegistry registry, SourceStateRepository states) {
        this.states = states;
        unsynced.set(registry.current());
        registry.watchChanges().subscribe(unsynced::set);
    }

    /** Writes the newest configuration if it has not been written yet. */
    Mono<Void> pending() {
        SourcesConfig config = unsynced.get();
        if (config == null) {
            return Mono.empty();
        }
        List<SourceRow> rows = config.sources().stream().map(SourceSync::row).toList();
        return states.sync(rows).doOnSuccess(done -> {
            unsynced.compareAndSet(config, null);
            log.info("Sources in the database match {} ({} sources)", config.file(), rows.size());
        });
    }

    private static SourceRow row(SourceDefinition source) {
        return new SourceRow(
                source.id(),
                source.name(),
                source.url().toString(),
                source.tags(),
                source.timezone().getId(),
                source.interval().toSeconds(),
                HostKeys.of(source.url()).domain());
    }
}
