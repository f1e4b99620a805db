package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/** Fetch failures in words: the exceptions as WebClient and Netty's resolver raise them. */
class FailureTextTest {

    static final URI DAWU = URI.create("http://www.dawu.gov.cn/xwzx/zwdt/");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static WebClientRequestException wrapped(Throwable cause) {
        return new WebClientRequestException(cause, HttpMethod.GET, DAWU, HttpHeaders.EMPTY);
    }

    @Test
    void namesTheHostThatDoesNotResolve() {
        // the message of Netty's DnsNameResolver, trailing space included
        var dns = new UnknownHostException("Failed to resolve 'www.dawu.gov.cn' [A(1), AAAA(28)] after 2 queries ");
        assertThat(FailureText.of(DAWU, wrapped(dns), TIMEOUT)).isEqualTo("cannot resolve www.dawu.gov.cn (DNS)");
    }

    @Test
    void saysConnectionRefusedWithHostAndDefaultPort() {
        var refused = new ConnectException("Connection refused: www.dawu.gov.cn/10.1.2.3:80");
        assertThat(FailureText.of(DAWU, wrapped(refused), TIMEOUT))
                .isEqualTo("connection refused by www.dawu.gov.cn:80");
    }

    @Test
    void saysHowLongItWaited() {
        assertThat(FailureText.of(DAWU, new TimeoutException("Did not observe any item"), TIMEOUT))
                .isEqualTo("timed out after 20 s (no complete answer)");
    }

    @Test
    void keepsTheMessageOfAnythingElseWithoutTrailingSpace() {
        assertThat(FailureText.of(DAWU, new IllegalStateException("odd answer "), TIMEOUT))
                .isEqualTo("fetch failed: odd answer");
    }
}
