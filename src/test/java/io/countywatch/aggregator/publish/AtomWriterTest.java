package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What RFC 4287 asks beyond its schema (ids, links, authors), checked on the parsed output. */
class AtomWriterTest {

    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private final FeedDocument doc = SampleFeeds.full("atom");
    private final byte[] atom = new FeedWriter().write(doc, FeedFormat.ATOM);
    private final Element feed = Dom.parse(atom).getDocumentElement();

    @Test
    void namesTheFeedByATagUriOfItsPath() {
        assertThat(text(feed, "id")).isEqualTo("tag:countywatch,2026:/feeds/tag/xiaogan.atom");
    }

    @Test
    void marksTheFeedAsChinese() {
        assertThat(feed.getAttributeNS(XML_NS, "lang")).isEqualTo("zh-CN");
    }

    @Test
    void linksSelfAlternateAndNext() {
        assertThat(link(feed, "self").getAttribute("href")).isEqualTo(doc.selfUrl());
        assertThat(link(feed, "self").getAttribute("type")).isEqualTo("application/atom+xml");
        assertThat(link(feed, "alternate").getAttribute("href")).isEqualTo(SampleFeeds.HOME_URL);
        assertThat(link(feed, "next").getAttribute("href")).isEqualTo(doc.nextUrl());
    }

    // Compared as text: equal instants in another offset (Rome's UTC) are the bug these tests exist for.
    @Test
    void feedUpdatedIsTheNewestItemUpdateInItsOwnOffset() {
        assertThat(text(feed, "updated")).isEqualTo("2023-10-01T09:12:44+08:00");
    }

    @Test
    void entryUpdatedIsThePublicationUntilTheItemChangesAfterItsFetch() {
        // PLAIN_LIST_ITEM was fetched at 09:12 and never changed: its fetch time is no change of the story
        assertThat(text(entries().get(2), "updated")).isEqualTo("2023-10-01T00:00:00+08:00");
        assertThat(text(entries().get(2), "published")).isEqualTo("2023-10-01T00:00:00+08:00");
    }

    @Test
    void writesEachEntryWithIdLinksDatesAndAuthor() {
        Element entry = entries().get(0);

        assertThat(text(entry, "id")).isEqualTo("urn:uuid:" + SampleFeeds.CHINESE_WITH_HTML.id());
        assertThat(text(entry, "title")).isEqualTo("孝昌县召开防汛工作会议 & <部署> 汛期安全");
        assertThat(link(entry, "alternate").getAttribute("href")).isEqualTo(SampleFeeds.CHINESE_WITH_HTML.url());
        assertThat(link(entry, "related").getAttribute("href"))
                .isEqualTo("http://www.xiaogan.gov.cn/news/1.html?a=1&b=2");
        assertThat(link(entry, "related").getAttribute("title")).isEqualTo("xiaogan-news");
        assertThat(text(entry, "published")).isEqualTo("2023-09-09T14:17:56+08:00");
        // changed after its fetch (14:30 on the 9th): updated is that change
        assertThat(text(entry, "updated")).isEqualTo("2023-09-10T08:00:00+08:00");
        assertThat(text(Dom.child(entry, Dom.ATOM_NS, "author"), "name")).isEqualTo("孝昌县人民政府 · 工作动态");
        assertThat(Dom.children(entry, Dom.ATOM_NS, "category").stream().map(c -> c.getAttribute("term")))
                .containsExactly("hubei", "xiaogan", "防汛");
    }

    @Test
    void writesSummaryAsTextAndContentAsHtml() {
        Element entry = entries().get(0);
        Element summary = Dom.child(entry, Dom.ATOM_NS, "summary");
        Element content = Dom.child(entry, Dom.ATOM_NS, "content");

        assertThat(summary.getAttribute("type")).isEqualTo("text");
        assertThat(summary.getTextContent()).isEqualTo(SampleFeeds.CHINESE_WITH_HTML.summary());
        assertThat(content.getAttribute("type")).isEqualTo("html");
        assertThat(content.getTextContent()).startsWith(SampleFeeds.CHINESE_WITH_HTML.content());
    }

    @Test
    void listsTheOtherPlacesInTheContentToo() {
        Element content = Dom.child(entries().get(1), Dom.ATOM_NS, "content");

        assertThat(content.getAttribute("type")).isEqualTo("html");
        assertThat(content.getTextContent())
                .startsWith("<p>招聘会将于10月举行。</p>")
                .contains("<a href=\"http://www.xiaogan.gov.cn/news/3.html\">xiaogan-news</a>")
                .contains("<a href=\"https://news.example.com/2023/09/20/x&quot;y.html\">hubei-daily</a>");
    }

    @Test
    void linksEveryOtherPlaceTheStoryWasFound() {
        List<String> related = Dom.children(entries().get(1), Dom.ATOM_NS, "link").stream()
                .filter(l -> l.getAttribute("rel").equals("related"))
                .map(l -> l.getAttribute("href"))
                .toList();

        assertThat(related)
                .containsExactly(
                        "http://www.xiaogan.gov.cn/news/3.html", "https://news.example.com/2023/09/20/x\"y.html");
    }

    @Test
    void dropsCharactersXmlForbids() {
        assertThat(text(feed, "title")).isEqualTo("孝感 · 全部新闻");
        assertThat(text(entries().get(1), "summary")).isEqualTo("招聘会将于10月举行。");
        RssWriterTest.assertNoForbiddenCharacters(new String(atom, StandardCharsets.UTF_8));
    }

    @Test
    void writesATitleOnlyEntryWithoutSummaryOrContent() {
        Element entry = entries().get(2);

        assertThat(Dom.children(entry, Dom.ATOM_NS, "summary")).isEmpty();
        assertThat(Dom.children(entry, Dom.ATOM_NS, "content")).isEmpty();
        assertThat(Dom.children(entry, Dom.ATOM_NS, "author")).hasSize(1);
    }

    @Test
    void datesAnEmptyFeedWhenTheSourcesFileWasApplied() {
        Element empty = Dom.parse(new FeedWriter().write(SampleFeeds.empty("atom"), FeedFormat.ATOM))
                .getDocumentElement();

        assertThat(Dom.children(empty, Dom.ATOM_NS, "entry")).isEmpty();
        assertThat(Dom.children(empty, Dom.ATOM_NS, "link").stream().map(l -> l.getAttribute("rel")))
                .containsExactlyInAnyOrder("self", "alternate");
        // never 1970: the time the running sources file was applied
        assertThat(text(empty, "updated")).isEqualTo("2026-11-30T01:02:03Z");
    }

    private List<Element> entries() {
        return Dom.children(feed, Dom.ATOM_NS, "entry");
    }

    private static String text(Element parent, String name) {
        return Dom.child(parent, Dom.ATOM_NS, name).getTextContent();
    }

    private static Element link(Element parent, String rel) {
        List<Element> links = Dom.children(parent, Dom.ATOM_NS, "link").stream()
                .filter(l -> l.getAttribute("rel").equals(rel))
                .toList();
        assertThat(links).as("links rel=%s", rel).hasSize(1);
        return links.get(0);
    }
}
