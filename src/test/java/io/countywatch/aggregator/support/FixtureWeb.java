package io.countywatch.aggregator.support;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A real HTTP server on 127.0.0.1 serving fixture feeds and pages, counting requests per path. Tests add
 * routes as static bodies or as handlers for misbehaving sites.
 */
public final class FixtureWeb implements AutoCloseable {

    /** Answers one request; may misbehave in any way reactor-netty allows. */
    public interface Handler {
        Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response);
    }

    // event loops of their own, so that the service under test (which uses Reactor Netty's global loops) and the
    // fixture sites do not queue behind each other, and the sites' own timings mean what they say
    private static final LoopResources LOOPS = LoopResources.create("fixture-web", 2, true);

    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final DisposableServer server;
    private final String host;

    private FixtureWeb(String host) {
        this.host = host;
        server = HttpServer.create()
                .runOn(LOOPS)
                .host(host)
                .port(0)
                .handle(this::dispatch)
                .bindNow();
    }

    public static FixtureWeb start() {
        return new FixtureWeb("127.0.0.1");
    }

    /** A server on another loopback address (Linux routes all of 127.0.0.0/8 to lo): another host to politeness. */
    public static FixtureWeb start(String loopbackAddress) {
        return new FixtureWeb(loopbackAddress);
    }

    private Publisher<Void> dispatch(HttpServerRequest request, HttpServerResponse response) {
        String path = URI.create(request.uri()).getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Handler handler = routes.get(path);
        if (handler == null) {
            return response.status(HttpResponseStatus.NOT_FOUND).sendString(Mono.just("no fixture at " + path));
        }
        return handler.handle(request, response);
    }

    /** Serves fixed bytes with a content type at a path. */
    public FixtureWeb serve(String path, String contentType, byte[] body) {
        routes.put(
                path,
                (request, response) ->
                        response.status(200).header("Content-Type", contentType).sendByteArray(Mono.just(body)));
        return this;
    }

    /** Serves a classpath resource, optionally rewritten (e.g. to insert this server's port). */
    public FixtureWeb serveResource(
            String path, String contentType, String resource, Function<byte[], byte[]> rewrite) {
        return serve(path, contentType, rewrite.apply(resource(resource)));
    }

    public FixtureWeb serveResource(String path, String contentType, String resource) {
        return serveResource(path, contentType, resource, Function.identity());
    }

    public FixtureWeb route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    public static byte[] resource(String name) {
        try (InputStream in = FixtureWeb.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int requests(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public String url(String path) {
        return "http://" + host + ":" + server.port() + path;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
