package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FeedCacheTest {

    final FeedCache cache = new FeedCache(new FeedProperties(Duration.ofSeconds(60), DataSize.ofBytes(1000), Duration.ofSeconds(5)));

    static RenderedFeed feed(String version, int size) {
        return RenderedFeed.of(version, FeedFormat.ATOM.contentType(), new byte[size], Instant.EPOCH);
    }

    @Test
    void findsAnEntryOnlyAtTheVersionItWasRenderedAt() {
        cache.put("/feeds/all.atom", feed("a7/3", 100));

        assertThat(cache.find("/feeds/all.atom", "a7/3")).isNotNull();
        assertThat(cache.find("/feeds/all.atom", "a8/3")).isNull();
        assertThat(cache.find("/feeds/all.atom", null)).isNull();
        assertThat(cache.find("/feeds/all.rss", "a7/3")).isNull();
    }

    @Test
    void neverKeepsARenderingWhoseVersionWasUnknown() {
        cache.put("/feeds/all.atom", feed(null, 100));

        assertThat(cache.size()).isZero();
    }

    @Test
    void staysWithinItsByteBudget() {
        for (int i = 0; i < 30; i++) {
            cache.put("/feeds/all.atom?q=" + i, feed("a1/1", 200));
        }

        assertThat(cache.size()).isBetween(1, 5);
        assertThat(cache.find("/feeds/all.atom?q=29", "a1/1")).isNotNull();
    }

    @Test
    void replacingAnEntryDoesNotCountItTwice() {
        for (int i = 0; i < 30; i++) {
            cache.put("/feeds/all.atom", feed("a" + i + "/1", 200));
        }
        cache.put("/feeds/all.rss", feed("a1/1", 200));

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void skipsAFeedTooLargeToShareTheBudget() {
        cache.put("/feeds/all.atom?limit=500", feed("a1/1", 600));

        assertThat(cache.size()).isZero();
    }
}
