package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.items.SourceVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FeedCacheTest {

    final FeedCache cache =
            new FeedCache(new FeedProperties(Duration.ofSeconds(60), DataSize.ofBytes(1000), Duration.ofSeconds(5)));

    static CachedFeed feed(FeedScope scope, String version, int size) {
        return new CachedFeed(
                scope, RenderedFeed.of(version, FeedFormat.ATOM.contentType(), new byte[size], Instant.EPOCH));
    }

    /** One source "anlu" tagged hubei at the given version: the merged feed's token is "a{version}/1". */
    static VersionSnapshot snapshot(long version) {
        return VersionSnapshot.of(List.of(new SourceVersion("anlu", List.of("hubei"), version)));
    }

    @Test
    void findsAnEntryOnlyAtTheVersionItWasRenderedAt() {
        cache.put("/feeds/all.atom", feed(FeedScope.ALL, "a7/1", 100));

        assertThat(cache.find("/feeds/all.atom", snapshot(7))).isNotNull();
        assertThat(cache.find("/feeds/all.atom", snapshot(8))).isNull();
        assertThat(cache.find("/feeds/all.atom", null)).isNull();
        assertThat(cache.find("/feeds/all.rss", snapshot(7))).isNull();
    }

    @Test
    void checksAnEntryAgainstItsOwnScopesVersion() {
        cache.put("/feeds/tag/hubei.atom", feed(FeedScope.ofTag("hubei"), "t7/1", 100));
        cache.put("/feeds/tag/gone.atom", feed(FeedScope.ofTag("gone"), "t7/1", 100));

        assertThat(cache.find("/feeds/tag/hubei.atom", snapshot(7))).isNotNull();
        // A tag no source carries any more has no token, so its old rendering is never served.
        assertThat(cache.find("/feeds/tag/gone.atom", snapshot(7))).isNull();
    }

    @Test
    void neverKeepsARenderingWhoseVersionWasUnknown() {
        cache.put("/feeds/all.atom", feed(FeedScope.ALL, null, 100));

        assertThat(cache.findLast("/feeds/all.atom")).isNull();
    }

    @Test
    void staysWithinItsByteBudget() {
        for (int i = 0; i < 30; i++) {
            cache.put("/feeds/all.atom?q=" + i, feed(FeedScope.ALL, "a1/1", 200));
        }

        long kept = IntStream.range(0, 30)
                .filter(i -> cache.findLast("/feeds/all.atom?q=" + i) != null)
                .count();
        assertThat(kept).isBetween(1L, 5L);
        assertThat(cache.find("/feeds/all.atom?q=29", snapshot(1))).isNotNull();
    }

    @Test
    void replacingAnEntryDoesNotCountItTwice() {
        for (int i = 0; i < 30; i++) {
            cache.put("/feeds/all.atom", feed(FeedScope.ALL, "a" + i + "/1", 200));
        }
        cache.put("/feeds/all.rss", feed(FeedScope.ALL, "a1/1", 200));

        // counted twice, the bytes would pass the budget of 1000 and the cache would drop both
        assertThat(cache.findLast("/feeds/all.atom")).isNotNull();
        assertThat(cache.findLast("/feeds/all.rss")).isNotNull();
    }

    @Test
    void skipsAFeedTooLargeToShareTheBudget() {
        cache.put("/feeds/all.atom?limit=500", feed(FeedScope.ALL, "a1/1", 600));

        assertThat(cache.findLast("/feeds/all.atom?limit=500")).isNull();
    }
}
