package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Feed 1.1 schema, written as assertions, on what JsonFeedWriter writes. */
class JsonFeedWriterTest {

    // RFC 3339 section 5.6 date-time: a full date, "T", a time with seconds, and Z or a numeric offset.
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final FeedDocument doc = SampleFeeds.full("json");
    private final JsonNode feed = MAPPER.readTree(new FeedWriter().write(doc, FeedFormat.JSON));

    @Test
    void hasTheTopLevelFieldsTheSpecRequires() {
        assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("title").asString()).isEqualTo("孝感 · 全部新闻");
        assertThat(feed.get("items").isArray()).isTrue();
        assertThat(feed.get("feed_url").asString()).isEqualTo(doc.selfUrl());
        assertThat(feed.get("home_page_url").asString()).isEqualTo(SampleFeeds.HOME_URL);
        assertThat(feed.get("next_url").asString()).isEqualTo(doc.nextUrl());
        assertThat(feed.get("language").asString()).isEqualTo("zh-CN");
    }

    @Test
    void everyItemHasAStringIdAndExactlyOneKindOfContent() {
        assertThat(items()).hasSize(3).allSatisfy(item -> {
            assertThat(item.get("id").isString()).isTrue();
            assertThat(item.has("content_html") ^ item.has("content_text")).isTrue();
        });
        assertThat(items().get(0).get("content_html").asString())
                .startsWith(SampleFeeds.CHINESE_WITH_HTML.content())
                .contains("http://www.xiaogan.gov.cn/news/1.html?a=1&amp;b=2");
        assertThat(items().get(1).get("content_html").asString())
                .startsWith("<p>招聘会将于10月举行。</p>")
                .contains("<a href=\"http://www.xiaogan.gov.cn/news/3.html\">xiaogan-news</a>");
        assertThat(items().get(2).get("content_text").asString()).isEqualTo(SampleFeeds.PLAIN_LIST_ITEM.title());
    }

    @Test
    void writesDatesAsRfc3339InTheSourceOffset() {
        for (JsonNode item : items()) {
            for (String key : List.of("date_published", "date_modified")) {
                String date = item.get(key).asString();
                assertThat(date).matches(RFC_3339);
                assertThat(OffsetDateTime.parse(date, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                .getOffset())
                        .hasToString("+08:00");
            }
        }
        // Fractions of a second are dropped, as in the XML feeds.
        assertThat(items().get(2).get("date_modified").asString()).isEqualTo("2023-10-01T09:12:44+08:00");
    }

    @Test
    void writesTagsAuthorsAndTheAggregatorExtension() {
        JsonNode first = items().get(0);

        assertThat(strings(first.get("tags"))).containsExactly("hubei", "xiaogan", "防汛");
        assertThat(first.get("authors").get(0).get("name").asString()).isEqualTo("孝昌县人民政府 · 工作动态");
        assertThat(first.get("_aggregator").get("sourceId").asString()).isEqualTo("xiaochang-gzdt");
        JsonNode alsoAt = first.get("_aggregator").get("alsoAt").get(0);
        assertThat(alsoAt.get("sourceId").asString()).isEqualTo("xiaogan-news");
        assertThat(alsoAt.get("url").asString()).isEqualTo("http://www.xiaogan.gov.cn/news/1.html?a=1&b=2");
    }

    @Test
    void usesTheSameIdAsTheXmlFeeds() {
        assertThat(items().get(0).get("id").asString()).isEqualTo("urn:uuid:" + SampleFeeds.CHINESE_WITH_HTML.id());
    }

    @Test
    void dropsForbiddenCharactersHereToo() {
        assertThat(items().get(0).get("title").asString()).isEqualTo("孝昌县召开防汛工作会议 & <部署> 汛期安全");
        assertThat(items().get(1).get("summary").asString()).isEqualTo("招聘会将于10月举行。");
    }

    @Test
    void writesAnEmptyFeedWithoutNextUrl() {
        JsonNode empty = MAPPER.readTree(new FeedWriter().write(SampleFeeds.empty("json"), FeedFormat.JSON));

        assertThat(empty.get("items").isArray()).isTrue();
        assertThat(empty.get("items").size()).isZero();
        assertThat(empty.has("next_url")).isFalse();
    }

    private List<JsonNode> items() {
        var items = new ArrayList<JsonNode>();
        feed.get("items").forEach(items::add);
        return items;
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
