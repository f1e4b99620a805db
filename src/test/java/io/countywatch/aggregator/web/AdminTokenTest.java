package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

class AdminTokenTest {

    private static MockServerWebExchange post(String authorization) {
        var request = MockServerHttpRequest.post("/api/sources/reload");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return MockServerWebExchange.from(request);
    }

    @Test
    void answers403AndSaysHowToEnableWhenNoTokenIsConfigured() {
        assertThatThrownBy(() -> new AdminToken("").check(post("Bearer anything")))
                .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.getStatusCode())
                            .isEqualTo(HttpStatus.FORBIDDEN);
                    org.assertj.core.api.Assertions.assertThat(e.getReason()).contains("AGGREGATOR_ADMIN_TOKEN");
                });
    }

    @Test
    void answers401ForAMissingOrWrongToken() {
        AdminToken token = new AdminToken("s3cret");
        for (String header : new String[] {null, "Bearer wrong", "Basic s3cret", "Bearer s3cre"}) {
            assertThatThrownBy(() -> token.check(post(header)))
                    .isInstanceOfSatisfying(
                            ResponseStatusException.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.getStatusCode())
                                    .isEqualTo(HttpStatus.UNAUTHORIZED));
        }
    }

    @Test
    void acceptsTheRightToken() {
        assertThatCode(() -> new AdminToken("s3cret").check(post("Bearer s3cret")))
                .doesNotThrowAnyException();
    }
}
