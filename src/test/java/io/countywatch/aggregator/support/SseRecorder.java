package io.countywatch.aggregator.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/** A test SSE client: connects to a stream and records every event (comments included) until closed. */
public final class SseRecorder implements AutoCloseable {

    public final List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
    public final AtomicReference<Throwable> error = new AtomicReference<>();
    private volatile boolean completed;
    private final Disposable subscription;

    private SseRecorder(WebClient.RequestHeadersSpec<?> request) {
        subscription = request.retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .subscribe(events::add, error::set, () -> completed = true);
    }

    public static SseRecorder open(int port, String pathAndQuery, Long lastEventId) {
        var request = WebClient.create("http://127.0.0.1:" + port).get().uri(pathAndQuery);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId.toString());
        }
        return new SseRecorder(request);
    }

    /** Events with a name ({@code item}, {@code update}, {@code reset}), without comments. */
    public List<ServerSentEvent<String>> named() {
        return events.stream().filter(e -> e.event() != null).toList();
    }

    public List<Long> ids() {
        return named().stream().map(e -> Long.parseLong(e.id())).toList();
    }

    /** True once the connected comment arrived: every event committed from then on will come. */
    public boolean connected() {
        return events.stream().anyMatch(e -> e.comment() != null && e.comment().contains("connected"));
    }

    public boolean ended() {
        return completed || error.get() != null;
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
