package io.countywatch.aggregator.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Guards the admin endpoints with {@code Authorization: Bearer $AGGREGATOR_ADMIN_TOKEN}. Without a configured
 * token they are off (403, saying how to turn them on); the comparison takes the same time for every guess.
 */
@Component
class AdminToken {

    private final byte[] token;

    AdminToken(@Value("${aggregator.admin-token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    void check(ServerWebExchange exchange) {
        if (token == null) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN,
                    "admin endpoints are disabled: set AGGREGATOR_ADMIN_TOKEN (or aggregator.admin-token) and send "
                            + "'Authorization: Bearer <token>'");
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String prefix = "Bearer ";
        byte[] given = header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
                ? header.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "missing or wrong admin token");
        }
    }
}
