package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;
import java.time.OffsetDateTime;
import java.util.List;

/** Feed documents the writer tests share: the awkward cases scraped county sites really produce. */
final class SampleFeeds {

    // A search feed, so the self URL has a query with an ampersand and percent-encoded Chinese (防汛).
    static final String FEED_PATH = "/feeds/tag/xiaogan.";
    static final String QUERY = "?q=%E9%98%B2%E6%B1%9B&limit=20";
    static final String HOME_URL = "https://news.example.org/";

    static final ItemView CHINESE_WITH_HTML = new ItemView(
            "0b5f6c1e-8a1d-4c1e-9a51-3d7e2b9c4f10",
            "孝昌县召开防汛工作会议 & <部署> 汛期\u0001安全",
            "http://www.xiaochang.gov.cn/xwzx/gzdt/202309/t20230909_1.shtml",
            "xiaochang-gzdt",
            "孝昌县人民政府 · 工作动态",
            OffsetDateTime.parse("2023-09-09T14:17:56+08:00"),
            OffsetDateTime.parse("2023-09-09T14:30:00+08:00"),
            OffsetDateTime.parse("2023-09-10T08:00:00+08:00"),
            "会议要求 a < b & c > d，确保安全度汛。",
            "<p>会议要求 <strong>各乡镇</strong> &amp; 各部门：</p><ul><li>值班 &lt;24h&gt;</li></ul>",
            List.of("hubei", "xiaogan", "防汛"),
            List.of(new AlsoAt("xiaogan-news", "http://www.xiaogan.gov.cn/news/1.html?a=1&b=2")),
            null);

    static final ItemView PLAIN_LIST_ITEM = new ItemView(
            "5d2c8a70-1b3e-4f6a-8c9d-0e1f2a3b4c5d",
            "关于2023年9月城区集中式饮用水水源水质状况的公示",
            "http://www.yingcheng.gov.cn/zwgk/hjbh/2.html",
            "yingcheng-hjbh",
            "应城市人民政府 · 环境保护",
            OffsetDateTime.parse("2023-10-01T00:00:00+08:00"),
            OffsetDateTime.parse("2023-10-01T09:12:44.123456+08:00"),
            OffsetDateTime.parse("2023-10-01T09:12:44.123456+08:00"),
            null,
            null,
            List.of(),
            List.of(),
            null);

    static final ItemView ALSO_AT_WITHOUT_CONTENT = new ItemView(
            "9f8e7d6c-5b4a-4321-8fed-cba987654321",
            "全县秋季招聘会10月举行",
            "http://www.dawu.gov.cn/xwzx/3.html",
            "dawu-xwzx",
            "大悟县人民政府 · 新闻中心",
            OffsetDateTime.parse("2023-09-20T10:00:00+08:00"),
            OffsetDateTime.parse("2023-09-20T10:05:00+08:00"),
            OffsetDateTime.parse("2023-09-20T10:05:00+08:00"),
            "招聘会\uFFFE将于10月举行\uD800。",
            null,
            List.of("hubei"),
            List.of(
                    new AlsoAt("xiaogan-news", "http://www.xiaogan.gov.cn/news/3.html"),
                    new AlsoAt("hubei-daily", "https://news.example.com/2023/09/20/x\"y.html")),
            null);

    /** When the sources file was applied: the date of a feed with no items. */
    static final java.time.Instant CONFIG_APPLIED = java.time.Instant.parse("2026-11-30T01:02:03Z");

    private SampleFeeds() {}

    static String selfUrl(String extension) {
        return "https://news.example.org" + FEED_PATH + extension + QUERY;
    }

    static String nextUrl(String extension) {
        return selfUrl(extension) + "&before=0b5f6c1e";
    }

    /** Three items (HTML content and also-at; also-at only; title only) and a next page. */
    static FeedDocument full(String extension) {
        var items = List.of(CHINESE_WITH_HTML, ALSO_AT_WITHOUT_CONTENT, PLAIN_LIST_ITEM);
        return document(extension, items, nextUrl(extension));
    }

    static FeedDocument empty(String extension) {
        return document(extension, List.of(), null);
    }

    static FeedDocument document(String extension, List<ItemView> items, String nextUrl) {
        return new FeedDocument(
                "孝感 · 全部\u0001新闻",
                "孝感市各县市区政府网站的新闻 & 公告",
                selfUrl(extension),
                HOME_URL,
                "zh-CN",
                FeedDocument.newestUpdate(items, CONFIG_APPLIED),
                items,
                nextUrl);
    }
}
