package io.countywatch.aggregator.config;

import io.countywatch.aggregator.config.ReloadResult.Applied;
import io.countywatch.aggregator.config.ReloadResult.Rejected;
import io.countywatch.aggregator.config.ReloadResult.Unchanged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Holds the running sources config and keeps it in step with the sources file. The file is loaded once at
 * construction, and an invalid file then fails start-up with every error listed. While running, the file is
 * checked every {@code aggregator.sources-watch-interval} (default 2 s); a valid edit is applied and
 * announced on {@link #watchChanges()}, an invalid one is rejected and remembered in {@link #lastRejection()}
 * while the previous config keeps running.
 */
@Component
public class SourceRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);
    private static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(2);

    private final Path file;
    private final Duration watchInterval;
    private final Clock clock;
    private final SourcesFileLoader loader = new SourcesFileLoader();
    // Best effort: a subscriber without demand misses a config, but watchChanges() keeps the latest for it.
    private final Sinks.Many<SourcesConfig> changes = Sinks.many().multicast().directBestEffort();

    private volatile State state;
    private FileStamp lastSeen; // touched only by the watch thread and the constructor
    private FileStamp settling; // a change seen once and not yet seen again unchanged; watch thread only
    private ScheduledExecutorService watcher; // guarded by this

    /** What is running, since when, and why the file on disk is not (if it is not). */
    private record State(SourcesConfig config, Instant appliedAt, Optional<Rejected> rejection) {}

    @Autowired
    public SourceRegistry(
            @Value("${aggregator.sources:config/sources.yml}") String path,
            @Value("${aggregator.sources-watch-interval:PT2S}") Duration watchInterval,
            Clock clock) {
        if (watchInterval.isNegative() || watchInterval.isZero()) {
            throw new IllegalArgumentException("aggregator.sources-watch-interval must be positive: " + watchInterval);
        }
        this.file = Path.of(path).toAbsolutePath().normalize();
        this.watchInterval = watchInterval;
        this.clock = clock;
        // Stamp before reading, so an edit made while loading is seen as a change by the first check.
        this.lastSeen = FileStamp.of(file);
        if (Files.notExists(file)) {
            throw new SourcesFileMissingException(file);
        }
        SourcesConfig config = loader.load(file);
        this.state = new State(config, clock.instant(), Optional.empty());
        log.info("sources: loaded {} source(s) from {}", config.sources().size(), file);
    }

    /** The config in force: the last valid content of the file. */
    public SourcesConfig current() {
        return state.config();
    }

    /** When {@link #current()} was applied. */
    public Instant appliedAt() {
        return state.appliedAt();
    }

    /** Why the file on disk is not running, if its last reading was invalid; cleared once a valid reading follows. */
    public Optional<Rejected> lastRejection() {
        return state.rejection();
    }

    /** Each newly applied config, from subscription on; hot, and never completes. Slow subscribers get the latest. */
    public Flux<SourcesConfig> watchChanges() {
        return changes.asFlux().onBackpressureLatest();
    }

    /**
     * Re-reads the file now and applies it if valid and different. Blocking (file I/O): reactive callers
     * should run it on a blocking-friendly scheduler.
     */
    public synchronized ReloadResult reload() {
        State before = state;
        SourcesConfig next;
        try {
            next = loadWithinTheJvmsMeans();
        } catch (SourcesFileException e) {
            Rejected rejected = new Rejected(e.errors());
            state = new State(before.config(), before.appliedAt(), Optional.of(rejected));
            log.warn(
                    "sources: {} rejected, still running the config applied at {}:\n{}",
                    file,
                    before.appliedAt(),
                    e.getMessage());
            return rejected;
        }
        if (next.equals(before.config())) {
            if (before.rejection().isPresent()) {
                // Reverting a bad edit is a successful reading too: the running config is no longer stale.
                state = new State(before.config(), before.appliedAt(), Optional.empty());
                log.info("sources: {} is valid again and matches the running config", file);
            }
            return new Unchanged();
        }
        Applied applied = Applied.between(before.config(), next);
        state = new State(next, clock.instant(), Optional.empty());
        log.info(
                "sources: applied {} ({} source(s)): added {}, removed {}, changed {}",
                file,
                next.sources().size(),
                applied.added(),
                applied.removed(),
                applied.changed());
        changes.tryEmitNext(next); // serialized by this method's lock, so it cannot fail as non-serialized
        return applied;
    }

    /**
     * The checks are bounded (SourcesFileLimits), but an error beyond them must still end as a rejection of this file
     * and not as a dead watcher or an unanswered reload: the stack or heap it exhausted is released on the way out.
     */
    private SourcesConfig loadWithinTheJvmsMeans() {
        try {
            return loader.load(file);
        } catch (StackOverflowError | OutOfMemoryError e) {
            log.error(
                    "sources: checking {} exhausted the JVM's {}",
                    file,
                    e.getClass().getSimpleName());
            throw new SourcesFileException(List.of(new ConfigError(
                    String.valueOf(file.getFileName()),
                    0,
                    "",
                    "the file could not be checked: " + e.getClass().getSimpleName()
                            + " (something in it is nested too deeply or is too large)")));
        }
    }

    @Override
    public synchronized void start() {
        if (watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sources-watch");
            thread.setDaemon(true);
            return thread;
        });
        long millis = watchInterval.toMillis();
        watcher.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watcher != null;
    }

    /**
     * One look at the file. A change is applied only once two looks in a row see the same content: an editor
     * or a script that writes the file in place (truncate, then write) is caught half-way now and then, and
     * an empty or cut file must not be reported to the admin as their edit.
     */
    void check() {
        // An exception escaping a scheduled task would cancel every later check, so none may escape.
        try {
            FileStamp stamp = FileStamp.of(file);
            if (stamp.equals(lastSeen)) {
                settling = null;
            } else if (!stamp.equals(settling)) {
                settling = stamp;
            } else {
                lastSeen = stamp;
                settling = null;
                reload();
            }
        } catch (Throwable e) { // the watcher must outlive anything, an error the JVM recovers from included
            try {
                log.warn("sources: checking {} failed; will check again", file, e);
            } catch (Throwable ignored) { // logging can fail too when the heap is exhausted
                // the next check runs all the same
            }
        }
    }
}
