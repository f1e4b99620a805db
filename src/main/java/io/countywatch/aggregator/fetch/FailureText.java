package io.countywatch.aggregator.fetch;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A fetch failure in words an operator reads in {@code /api/sources} and on the dashboard: "cannot resolve
 * www.dawu.gov.cn (DNS)", "connection refused by 10.0.0.8:80", "timed out after 20 s", instead of the resolver's or
 * the HTTP client's own message ("Failed to resolve '…' [A(1), AAAA(28)] after 2 queries").
 */
final class FailureText {

    private FailureText() {}

    static String of(URI url, Throwable error, Duration timeout) {
        String host = url.getHost() == null ? String.valueOf(url) : url.getHost();
        if (error instanceof TimeoutException) {
            return "timed out after " + timeout.toSeconds() + " s (no complete answer)";
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message =
                    cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (cause instanceof UnknownHostException || message.startsWith("failed to resolve")) {
                return "cannot resolve " + host + " (DNS)";
            }
            if (message.contains("connection refused")) {
                return "connection refused by " + hostAndPort(url);
            }
            if (cause instanceof NoRouteToHostException || message.contains("no route to host")) {
                return "no route to " + hostAndPort(url);
            }
            if (message.contains("connection timed out")
                    || cause instanceof SocketTimeoutException
                    || cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return "no connection to " + hostAndPort(url) + " (connect timed out)";
            }
            if (message.contains("connection reset")) {
                return "connection reset by " + hostAndPort(url);
            }
            if (message.contains("prematurely closed") || message.contains("premature close")) {
                return host + " closed the connection before the answer was complete";
            }
            if (cause instanceof SSLException) {
                return "TLS with " + host + " failed: " + cause.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "cannot connect to " + hostAndPort(url) + ": " + cause.getMessage();
            }
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "fetch failed: " + message.strip();
    }

    private static String hostAndPort(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost() + ":" + port;
    }
}
