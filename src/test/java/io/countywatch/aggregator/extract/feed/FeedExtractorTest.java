package io.countywatch.aggregator.extract.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every feed dialect Rome reads, read into items with the source's zone for zoneless dates. */
class FeedExtractorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    private static final URI FEED = URI.create("http://127.0.0.1:8000/feed.xml");

    private final FeedExtractor extractor = new FeedExtractor();

    private List<ExtractedItem> extract(String xml) {
        return extractor.extract(xml, FEED, SHANGHAI, NOW);
    }

    @Test
    void readsRss091WithItsNetscapeDoctype() {
        List<ExtractedItem> items = extract("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
                  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
                <rss version="0.91"><channel><title>老频道</title><link>http://127.0.0.1/</link>
                <description>d</description><language>zh-cn</language>
                <item><title>东湖乡召开秋收工作会</title><link>http://127.0.0.1/a/1.html</link>
                <description>东湖乡部署秋收。</description></item>
                </channel></rss>""");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("东湖乡召开秋收工作会");
            assertThat(item.url()).isEqualTo("http://127.0.0.1/a/1.html");
            assertThat(item.publishedAt()).isNull();
        });
    }

    @Test
    void readsAtom03WithItsIssuedDate() {
        List<ExtractedItem> items = extract("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed version="0.3" xmlns="http://purl.org/atom/ns#">
                  <title>旧版 Atom</title>
                  <link rel="alternate" type="text/html" href="http://127.0.0.1/"/>
                  <modified>2023-09-09T10:00:00Z</modified>
                  <entry>
                    <title>西山村完成危房改造验收</title>
                    <link rel="alternate" type="text/html" href="http://127.0.0.1/b/2.html"/>
                    <id>tag:127.0.0.1,2023:b2</id>
                    <issued>2023-09-09T18:00:00+08:00</issued>
                    <modified>2023-09-09T10:00:00Z</modified>
                  </entry>
                </feed>""");
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("西山村完成危房改造验收");
            assertThat(item.guid()).isEqualTo("tag:127.0.0.1,2023:b2");
            assertThat(item.publishedAt()).hasToString("2023-09-09T18:00+08:00");
        });
    }

    @Test
    void readsZonelessRssDatesInTheSourceZoneAndKeepsDateOnlyValuesApart() {
        List<ExtractedItem> items = extract("""
                <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description>
                <item><title>甲</title><link>http://127.0.0.1/1</link><pubDate>2023-09-09 14:17:56</pubDate></item>
                <item><title>乙</title><link>http://127.0.0.1/2</link><pubDate>2023年09月08日</pubDate></item>
                </channel></rss>""");
        assertThat(items.get(0).publishedAt()).hasToString("2023-09-09T14:17:56+08:00");
        assertThat(items.get(0).dateHasTime()).isTrue();
        assertThat(items.get(1).publishedAt()).hasToString("2023-09-08T00:00+08:00");
        assertThat(items.get(1).dateHasTime()).isFalse();
    }

    @Test
    void refusesEntityDeclarationsSoNothingExternalIsRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&x;</title></channel></rss>""";
        assertThatThrownBy(() -> extract(xxe))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("DOCTYPE");
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <rss version="2.0"><channel><title>&lol2;</title></channel></rss>""";
        assertThatThrownBy(() -> extract(laughs)).isInstanceOf(FeedParseException.class);
    }

    @Test
    void refusesInvalidXmlAndNonFeeds() {
        assertThatThrownBy(() -> extract("<rss><channel><title>broken"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("invalid XML");
        assertThatThrownBy(() -> extract("<html><body>not a feed</body></html>"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("not an RSS or Atom feed");
    }

    @Test
    void dropsCharactersXmlForbidsInsteadOfFailing() {
        List<ExtractedItem> items =
                extract("<rss version=\"2.0\"><channel><title>t</title><link>http://127.0.0.1/</link>"
                        + "<description>d</description><item><title>标题\u0001含控制符</title><link>http://127.0.0.1/c</link>"
                        + "</item></channel></rss>");
        assertThat(items).singleElement().extracting(ExtractedItem::title).isEqualTo("标题含控制符");
    }
}
