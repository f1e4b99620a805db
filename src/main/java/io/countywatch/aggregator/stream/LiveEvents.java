package io.countywatch.aggregator.stream;

import io.countywatch.aggregator.store.items.ItemEvent;
import io.countywatch.aggregator.store.items.ItemEventListener;
import io.countywatch.aggregator.store.items.ItemEventRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one reader of the event log in this instance: on each notification it reads the rows after the last one
 * it saw, in id order, and hands them to every connected stream. One query per burst, however many clients.
 */
@Component
@EnableConfigurationProperties(StreamProperties.class)
class LiveEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    // A burst reaches each client BATCH events at a time, so a client's buffer must hold more than one batch.
    static final int BATCH = 100;

    private final ItemEventListener listener;
    private final ItemEventRepository events;
    private final StreamProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    // The clients grouped by the thread that writes to their sockets: a batch costs the reader one hand-over per
    // thread, and each thread offers it to its own clients and writes at once, the threads in parallel.
    private final Map<Executor, Set<ClientBuffer>> clientsByThread = new ConcurrentHashMap<>();
    private final AtomicLong lastSeen = new AtomicLong(-1);
    private volatile Disposable running;

    LiveEvents(
            ItemEventListener listener,
            ItemEventRepository events,
            StreamProperties properties,
            Clock clock,
            JsonMapper json) {
        this.listener = listener;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    /**
     * From now on, every new event goes to {@code buffer} in id order, in batches (what one read of the log found),
     * offered on {@code thread}: the one writing to that client's socket. Until the returned handle is disposed.
     */
    Disposable register(ClientBuffer buffer, Executor thread) {
        Set<ClientBuffer> group = clientsByThread.computeIfAbsent(thread, t -> ConcurrentHashMap.newKeySet());
        group.add(buffer);
        return () -> group.remove(buffer);
    }

    /** How many streams are connected to this instance. */
    public int clients() {
        return clientsByThread.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        Disposable reading = listener.watchEventIds()
                .filter(id -> id == ItemEventListener.CONNECTED || id > lastSeen.get())
                .onBackpressureLatest()
                .concatMap(id -> catchUp(), 1)
                .subscribe();
        Duration pruneEvery = properties.replayMaxAge().dividedBy(24);
        Disposable pruning = Flux.interval(pruneEvery, pruneEvery)
                .onBackpressureDrop()
                .concatMap(tick -> events.deleteBefore(
                                clock.instant().minus(properties.replayMaxAge().multipliedBy(2)))
                        .onErrorResume(e -> Mono.empty()))
                .subscribe();
        running = Disposables.composite(reading, pruning);
    }

    private Mono<Void> catchUp() {
        if (lastSeen.get() < 0) {
            // first connect: history is for replay, not for live
            return events.findHeadId().doOnNext(lastSeen::set).then().onErrorResume(this::logged);
        }
        return events.findAfter(lastSeen.get(), BATCH)
                .collectList()
                .expand(page -> page.size() < BATCH
                        ? Mono.empty()
                        : events.findAfter(page.get(page.size() - 1).id(), BATCH)
                                .collectList())
                .doOnNext(this::publish)
                .then()
                .onErrorResume(this::logged);
    }

    // At thousands of clients handing the batch over, not the database, is the work: see clientsByThread.
    private void publish(List<ItemEvent> page) {
        if (page.isEmpty()) {
            return;
        }
        lastSeen.set(page.get(page.size() - 1).id());
        if (clients() == 0) {
            return;
        }
        LiveBatch batch = new LiveBatch(page.stream().map(this::encode).toList());
        clientsByThread.forEach((thread, group) -> {
            if (!group.isEmpty()) {
                try {
                    thread.execute(() -> group.forEach(client -> offer(client, batch)));
                } catch (RejectedExecutionException shuttingDown) {
                    log.debug("stream writer thread is shutting down; its clients reconnect and replay");
                }
            }
        });
    }

    private static void offer(ClientBuffer client, LiveBatch batch) {
        try {
            client.offer(batch);
        } catch (RuntimeException e) {
            // one broken stream must not keep the batch from the clients after it in the group
            log.warn("handing events to a stream failed: {}", e.toString());
        }
    }

    StreamEvent encode(ItemEvent event) {
        return StreamEvent.of(event, json);
    }

    private Mono<Void> logged(Throwable e) {
        // the next notification (or reconnect) retries from the same lastSeen, so nothing is lost
        log.warn("reading item events after {} failed: {}", lastSeen.get(), e.toString());
        return Mono.empty();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        clientsByThread.values().forEach(group -> group.forEach(ClientBuffer::complete));
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
