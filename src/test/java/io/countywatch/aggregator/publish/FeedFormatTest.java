package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedFormatTest {

    @ParameterizedTest
    @CsvSource({
        "rss,  RSS,  application/rss+xml; charset=UTF-8",
        "atom, ATOM, application/atom+xml; charset=UTF-8",
        "json, JSON, application/feed+json; charset=UTF-8",
        "RSS,  RSS,  application/rss+xml; charset=UTF-8",
    })
    void findsTheFormatByExtension(String extension, FeedFormat format, String contentType) {
        assertThat(FeedFormat.fromExtension(extension)).contains(format);
        assertThat(format.contentType()).isEqualTo(contentType);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"xml", "opml", "rss2", ".rss"})
    void knowsNoOtherExtension(String extension) {
        assertThat(FeedFormat.fromExtension(extension)).isEmpty();
    }
}
