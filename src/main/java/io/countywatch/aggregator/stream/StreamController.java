package io.countywatch.aggregator.stream;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /stream}: server-sent events {@code item} and {@code update} carrying the item JSON, filtered by
 * {@code tag}, {@code source} and {@code q}. A reconnecting browser sends {@code Last-Event-ID} by itself; the
 * {@code lastEventId} parameter does the same for clients that cannot set headers.
 */
@RestController
class StreamController {

    private final ClientStreams streams;

    StreamController(ClientStreams streams) {
        this.streams = streams;
    }

    // Written as plain bytes rather than ServerSentEvent objects: the frames are shared by all clients, and a
    // client's pending events leave in one write (see ClientBuffer) instead of one write per event.
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> stream(
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String q,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            ServerHttpResponse response) {
        String lastEventId =
                lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParam;
        Long from = eventId(lastEventId);
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        response.getHeaders().set("X-Accel-Buffering", "no"); // nginx: pass events on at once
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(streams.open(new EventFilter(source, tag, q), from, SocketWrites.writerOf(response))
                .map(outgoing -> SocketWrites.toBuffer(outgoing, buffers)));
    }

    private static Long eventId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0) {
            // the header and the lastEventId parameter say the same thing; the message names both
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "Last-Event-ID (or lastEventId) must be an event id, a number of 0 or more: " + text);
        }
        return id;
    }
}
