package io.countywatch.aggregator.stream;

import io.countywatch.aggregator.store.items.ItemEvent;
import io.countywatch.aggregator.store.items.ItemEventRepository;
import io.countywatch.aggregator.store.items.ReplayGap;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds one client's event stream: what it missed since its Last-Event-ID (or a {@code reset} when that is
 * beyond the replay window), then live events, with no gap and no duplicate at the seam; behind a bounded
 * buffer, so a client that stops reading loses its connection instead of growing the heap.
 */
@Component
class ClientStreams {

    private final LiveEvents live;
    private final ItemEventRepository log;
    private final StreamProperties properties;
    private final Clock clock;

    ClientStreams(LiveEvents live, ItemEventRepository log, StreamProperties properties, Clock clock) {
        this.live = live;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The SSE events for one client; {@code lastEventId} is null for a client that starts fresh. Live events are
     * handed over on {@code writer}, the thread writing to the client's socket.
     */
    Flux<Outgoing> open(EventFilter filter, Long lastEventId, Executor writer) {
        return Flux.defer(() -> {
            // Live first, into the client's own buffer; then the backlog; live events the backlog already
            // covered (id <= seam) are dropped. Nothing committed in between can fall through.
            ClientBuffer buffer = new ClientBuffer(properties.clientBuffer(), filter);
            Disposable feed = live.register(buffer, writer);
            AtomicLong seam = new AtomicLong(Long.MAX_VALUE);
            Flux<Outgoing> before = lastEventId == null
                    ? log.findHeadId().doOnNext(seam::set).thenMany(Flux.empty())
                    : log.findGap(lastEventId).flatMapMany(gap -> catchUp(filter, lastEventId, gap, seam));
            // "connected" goes out once the starting point is fixed: from then on nothing committed is missed
            return Flux.concat(
                            before,
                            Flux.just(Outgoing.of(SseFrames.hello(properties.retry()))),
                            buffer.drain(seam::get))
                    .mergeWith(heartbeats())
                    .mergeWith(buffer.overflow())
                    .doFinally(signal -> feed.dispose());
        });
    }

    private Flux<Outgoing> catchUp(EventFilter filter, long after, ReplayGap gap, AtomicLong seam) {
        if (beyondWindow(after, gap)) {
            seam.set(gap.headId());
            return Flux.just(Outgoing.of(reset(gap.headId())));
        }
        return page(after)
                .expand(events -> events.size() < LiveEvents.BATCH
                        ? Mono.empty()
                        : page(events.get(events.size() - 1).id()))
                .doOnNext(events -> {
                    if (!events.isEmpty()) {
                        seam.set(events.get(events.size() - 1).id());
                    }
                })
                .concatMapIterable(events -> events)
                .filter(e -> filter.matches(e.item()))
                .map(e -> Outgoing.of(live.encode(e).frame()))
                // an empty backlog: live events continue after the client's own id
                .doOnComplete(() -> seam.compareAndSet(Long.MAX_VALUE, after));
    }

    private Mono<List<ItemEvent>> page(long after) {
        return log.findReplay(after, LiveEvents.BATCH).collectList();
    }

    boolean beyondWindow(long after, ReplayGap gap) {
        boolean fromAnotherLog = after > gap.headId();
        boolean pruned = gap.firstId() != null && after < gap.firstId() - 1;
        boolean tooMany = gap.missed() > properties.replayMaxEvents();
        boolean tooOld = gap.oldestMissed() != null
                && gap.oldestMissed().isBefore(clock.instant().minus(properties.replayMaxAge()));
        return fromAnotherLog || pruned || tooMany || tooOld;
    }

    private Flux<Outgoing> heartbeats() {
        Duration every = properties.heartbeat();
        return Flux.interval(every, every).onBackpressureDrop().map(tick -> Outgoing.of(HEARTBEAT));
    }

    private static final byte[] HEARTBEAT = SseFrames.comment("heartbeat");

    private static byte[] reset(long headId) {
        return SseFrames.event(
                "reset", headId, "{\"reason\":\"missed events are beyond the replay window; reload the list\"}");
    }
}
