package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtomFeedIdTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://news.example.org/feeds/all.atom |                        tag:countywatch,2026:/feeds/all.atom",
                "https://news.example.org/feeds/all.atom?limit=20&q=x |           tag:countywatch,2026:/feeds/all.atom",
                "http://localhost:8080/feeds/all.atom#top |                       tag:countywatch,2026:/feeds/all.atom",
                "https://news.example.org/feeds/tag/%E5%AD%9D%E6%84%9F.atom |     tag:countywatch,2026:/feeds/tag/%E5%AD%9D%E6%84%9F.atom",
                "https://news.example.org/feeds/tag/孝感.atom |                    tag:countywatch,2026:/feeds/tag/%E5%AD%9D%E6%84%9F.atom",
                "https://news.example.org/feeds/tag/a b.atom |                    tag:countywatch,2026:/feeds/tag/a%20b.atom",
                "https://news.example.org |                                       tag:countywatch,2026:/",
                "/feeds/source/xiaochang-gzdt.atom?limit=5 |                      tag:countywatch,2026:/feeds/source/xiaochang-gzdt.atom",
            })
    void derivesAStableTagUriFromThePath(String selfUrl, String id) {
        assertThat(AtomFeedId.of(selfUrl)).isEqualTo(id);
    }
}
