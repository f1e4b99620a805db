package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The RSS 2.0 rules feed validators and readers rely on, checked on the parsed output. */
class RssWriterTest {

    private static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC_NS = "http://purl.org/dc/elements/1.1/";

    private final FeedDocument doc = SampleFeeds.full("rss");
    private final byte[] rss = new FeedWriter().write(doc, FeedFormat.RSS);
    private final Element channel = Dom.child(Dom.parse(rss).getDocumentElement(), null, "channel");

    @Test
    void hasExactlyOneSelfLinkEqualToTheRequestUrl() {
        List<Element> self = Dom.children(channel, Dom.ATOM_NS, "link").stream()
                .filter(link -> link.getAttribute("rel").equals("self"))
                .toList();

        assertThat(self).hasSize(1);
        assertThat(self.get(0).getAttribute("href")).isEqualTo(doc.selfUrl());
        assertThat(self.get(0).getAttribute("type")).isEqualTo("application/rss+xml");
    }

    @Test
    void declaresTheAtomNamespaceOnceOnTheRoot() {
        String xml = new String(rss, StandardCharsets.UTF_8);

        assertThat(xml.split("xmlns:atom=", -1)).hasSize(2);
        assertThat(Dom.parse(rss).getDocumentElement().getAttribute("xmlns:atom"))
                .isEqualTo(Dom.ATOM_NS);
    }

    @Test
    void linksTheNextPageOnlyWhenThereIsOne() {
        assertThat(rels(channel)).containsExactly("self", "next");
        Element last = Dom.child(
                Dom.parse(new FeedWriter().write(SampleFeeds.empty("rss"), FeedFormat.RSS))
                        .getDocumentElement(),
                null,
                "channel");
        assertThat(rels(last)).containsExactly("self");
    }

    @Test
    void channelHasLanguageAndLastBuildDate() {
        assertThat(Dom.child(channel, null, "language").getTextContent()).isEqualTo("zh-CN");
        // as text: the newest change on its source's clock, not the same instant in GMT
        assertThat(Dom.child(channel, null, "lastBuildDate").getTextContent())
                .isEqualTo("Sun, 1 Oct 2023 09:12:44 +0800");
        assertThat(Dom.child(channel, null, "title").getTextContent()).isEqualTo("孝感 · 全部新闻");
        assertThat(Dom.child(channel, null, "link").getTextContent()).isEqualTo(SampleFeeds.HOME_URL);
    }

    @Test
    void everyItemHasAUniqueNonPermalinkGuid() {
        var guids = new HashSet<String>();
        for (Element item : items()) {
            Element guid = Dom.child(item, null, "guid");
            assertThat(guid.getAttribute("isPermaLink")).isEqualTo("false");
            assertThat(guid.getTextContent()).startsWith("urn:uuid:");
            assertThat(guids.add(guid.getTextContent()))
                    .as("unique %s", guid.getTextContent())
                    .isTrue();
        }
        assertThat(guids).hasSize(doc.items().size());
    }

    @Test
    void writesPubDatesInTheSourcesOwnOffset() {
        assertThat(items().stream().map(i -> Dom.child(i, null, "pubDate").getTextContent()))
                .containsExactly(
                        "Sat, 9 Sep 2023 14:17:56 +0800",
                        "Wed, 20 Sep 2023 10:00:00 +0800",
                        "Sun, 1 Oct 2023 00:00:00 +0800");
    }

    @Test
    void everyPubDateIsRfc822AndKeepsTheInstant() {
        List<Element> items = items();
        for (int i = 0; i < items.size(); i++) {
            String pubDate = Dom.child(items.get(i), null, "pubDate").getTextContent();
            assertThat(rfc822(pubDate).toInstant())
                    .isEqualTo(doc.items().get(i).publishedAt().toInstant());
        }
    }

    @Test
    void keepsMarkupCharactersAsTextAndDropsForbiddenOnes() {
        Element first = items().get(0);

        assertThat(Dom.child(first, null, "title").getTextContent()).isEqualTo("孝昌县召开防汛工作会议 & <部署> 汛期安全");
        // description is HTML to RSS readers, so plain-text "<" arrives as "&lt;" after XML decoding.
        assertThat(Dom.child(first, null, "description").getTextContent())
                .isEqualTo("会议要求 a &lt; b &amp; c &gt; d，确保安全度汛。");
        assertNoForbiddenCharacters(new String(rss, StandardCharsets.UTF_8));
    }

    @Test
    void writesHtmlContentWithTheAlsoAtListAppended() {
        String html = Dom.child(items().get(0), CONTENT_NS, "encoded").getTextContent();

        assertThat(html)
                .startsWith(SampleFeeds.CHINESE_WITH_HTML.content())
                .contains("<a href=\"http://www.xiaogan.gov.cn/news/1.html?a=1&amp;b=2\">xiaogan-news</a>");
    }

    @Test
    void writesAlsoAtUnderTheSummaryWhenThereIsNoContent() {
        String html = Dom.child(items().get(1), CONTENT_NS, "encoded").getTextContent();

        assertThat(html)
                .startsWith("<p>招聘会将于10月举行。</p>")
                .contains("href=\"https://news.example.com/2023/09/20/x&quot;y.html\"");
    }

    @Test
    void writesNoContentForATitleOnlyItem() {
        assertThat(Dom.children(items().get(2), CONTENT_NS, "encoded")).isEmpty();
        assertThat(Dom.children(items().get(2), null, "description")).isEmpty();
    }

    @Test
    void writesTagsAsCategoriesAndTheSourceAsCreator() {
        Element first = items().get(0);

        assertThat(Dom.children(first, null, "category").stream().map(Element::getTextContent))
                .containsExactly("hubei", "xiaogan", "防汛");
        assertThat(Dom.child(first, DC_NS, "creator").getTextContent()).isEqualTo("孝昌县人民政府 · 工作动态");
        assertThat(Dom.children(first, null, "author")).isEmpty();
    }

    @Test
    void writesAnEmptyChannel() {
        Document empty = Dom.parse(new FeedWriter().write(SampleFeeds.empty("rss"), FeedFormat.RSS));
        Element emptyChannel = Dom.child(empty.getDocumentElement(), null, "channel");

        assertThat(Dom.children(emptyChannel, null, "item")).isEmpty();
        // never 1970: the time the running sources file was applied
        assertThat(Dom.child(emptyChannel, null, "lastBuildDate").getTextContent())
                .isEqualTo("Mon, 30 Nov 2026 01:02:03 GMT");
    }

    static void assertNoForbiddenCharacters(String xml) {
        assertThat(xml.codePoints()
                        .filter(cp -> (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
                                || cp == 0xFFFE
                                || cp == 0xFFFF
                                || (cp >= 0xD800 && cp <= 0xDFFF)))
                .isEmpty();
        assertThat(xml).doesNotContainPattern("&#x?[0-9a-fA-F]+;");
    }

    private List<Element> items() {
        return Dom.children(channel, null, "item");
    }

    private static List<String> rels(Element channel) {
        return Dom.children(channel, Dom.ATOM_NS, "link").stream()
                .map(link -> link.getAttribute("rel"))
                .toList();
    }

    private static ZonedDateTime rfc822(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
    }
}
