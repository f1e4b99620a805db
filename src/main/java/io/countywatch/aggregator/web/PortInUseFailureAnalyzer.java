package io.countywatch.aggregator.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * A taken HTTP port at start-up: names the settings that choose another one, in each form they take (Spring
 * Boot's own analysis only says "configure this application to listen on another port"). Ordered first so it
 * wins over Spring Boot's.
 */
final class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        int port = cause.getPort();
        return new FailureAnalysis(
                "The HTTP port " + port + " is already in use by another process (often a service started earlier).",
                "Stop the process listening on port " + port + " (`ss -ltnp 'sport = :" + port + "'` names it), or"
                        + " choose another port: environment variable SERVER_PORT=8081 (or PORT=8081), flag"
                        + " --server.port=8081 with java -jar, or ./mvnw spring-boot:run -Dserver.port=8081.",
                cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
