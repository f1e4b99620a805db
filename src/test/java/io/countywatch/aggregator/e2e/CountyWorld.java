package io.countywatch.aggregator.e2e;

import io.countywatch.aggregator.support.FixtureWeb;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A county the way county sites are, on loopback: the county government's site (TRS-style static paths, GBK pages,
 * Chinese dates) with its RSS feed, two HTML columns (工作动态, 乡镇动态) and a homepage list that share articles,
 * one article also served as {@code /art/<id>} (whose page names the static path as canonical) and one as
 * {@code content.jsp?id=<id>} (no canonical link), two monthly water reports with the same title; and a city daily
 * on another host whose feed reposts county stories with summary-only text and cut, suffixed titles, under its own
 * addresses. {@link #correctHeadline} makes the county fix a headline on its column, its page and its feed.
 */
final class CountyWorld implements AutoCloseable {

    static final Charset GBK = Charset.forName("GBK");

    /** One article of the county site. */
    record Article(String path, String title, String date, String time, List<String> paragraphs) {
        String body() {
            StringBuilder out = new StringBuilder();
            paragraphs.forEach(p -> out.append("<p>").append(p).append("</p>"));
            return out.toString();
        }
    }

    final FixtureWeb county = FixtureWeb.start();
    final FixtureWeb daily = FixtureWeb.start("127.0.0.2");
    final Map<String, Article> articles = new LinkedHashMap<>();
    private String statsTitle = "县统计局开展统计法治宣传月活动";

    CountyWorld() {
        add(new Article(
                "/xwzx/gzdt/202610/t20261023_316950.html",
                "小河镇召开秋季森林防火工作部署会",
                "2026-10-23",
                "09:30",
                List.of(
                        "10月22日，小河镇召开秋季森林防火工作部署会，镇党委副书记、镇长刘建国出席会议并讲话。",
                        "会议通报了今年以来全镇森林火情监测情况，共出动巡护人员320人次，清理林下可燃物150亩。",
                        "会议强调，各村要压实属地责任，严格落实野外用火审批制度，坚决杜绝违规用火行为。",
                        "会议要求，要加强扑火队伍建设和物资储备，确保一旦发生火情能够打早、打小、打了。")));
        add(new Article(
                "/xwzx/gzdt/202610/t20261022_316940.html",
                "白沙镇开展汛后水利设施安全隐患排查",
                "2026-10-22",
                "16:05",
                List.of(
                        "为确保汛后水利工程安全运行，白沙镇近日组织技术人员对辖区水库、塘堰、泵站开展拉网式排查。",
                        "排查中，工作人员逐一查看坝体渗漏、溢洪道堵塞和闸门启闭情况，现场指出问题12个。",
                        "对发现的隐患，该镇建立问题清单，明确整改责任人和时限，做到整改一处、销号一处。")));
        add(new Article(
                "/xwzx/xzdt/202610/t20261021_316930.html",
                "周巷镇举办农村实用技术培训班",
                "2026-10-21",
                "10:12",
                List.of(
                        "10月20日，周巷镇农业服务中心在镇文化活动中心举办农村实用技术培训班，160余名种养大户参加培训。",
                        "培训邀请省农科院专家授课，内容涵盖水稻病虫害绿色防控、测土配方施肥和农机安全使用等。",
                        "参训学员纷纷表示，培训内容贴近生产实际，学到了实实在在的技术。")));
        add(new Article(
                "/xwzx/gzdt/202610/t20261020_316920.html",
                statsTitle,
                "2026-10-20",
                "11:40",
                List.of(
                        "为深入贯彻统计法律法规，县统计局近日在全县范围内开展统计法治宣传月活动，向过往群众发放宣传资料600余份。",
                        "活动现场，工作人员通过设立咨询台、悬挂横幅等方式，向群众讲解统计法律知识，解答群众疑问。")));
        add(new Article(
                "/xwzx/tzgg/202609/t20260905_316800.html",
                "孝昌县生活饮用水水质信息公布",
                "2026-09-05",
                "17:30",
                List.of(
                        "根据《生活饮用水卫生标准》要求，县疾控中心于2026年8月对城区出厂水和末梢水开展了水质监测。",
                        "本月共采集水样24份，检测指标42项，各项指标均符合国家标准。现将监测结果予以公布。")));
        add(new Article(
                "/xwzx/tzgg/202610/t20261008_316900.html",
                "孝昌县生活饮用水水质信息公布",
                "2026-10-08",
                "17:30",
                List.of(
                        "根据《生活饮用水卫生标准》要求，县疾控中心于2026年9月对城区出厂水和末梢水开展了水质监测。",
                        "本月共采集水样26份，检测指标42项，各项指标均符合国家标准。现将监测结果予以公布。")));
        serveAll();
    }

    private void add(Article article) {
        articles.put(article.path(), article);
    }

    Article article(String idTail) {
        return articles.values().stream()
                .filter(a -> a.path().contains(idTail))
                .findFirst()
                .orElseThrow();
    }

    String countyUrl(String path) {
        return county.url(path);
    }

    /** The county fixes a headline: the column, the article's page and the feed all show the new title. */
    void correctHeadline() {
        statsTitle = "孝昌县统计局开展“统计法治宣传月”活动";
        Article old = article("316920");
        articles.put(old.path(), new Article(old.path(), statsTitle, old.date(), old.time(), old.paragraphs()));
        serveAll();
    }

    private void serveAll() {
        for (Article a : articles.values()) {
            county.serve(a.path(), "text/html", detailPage(a, countyUrl(a.path()), true));
        }
        // the same article under the CMS's short address, whose page names the static path as canonical
        Article fire = article("316950");
        county.serve("/art/316950", "text/html", detailPage(fire, countyUrl(fire.path()), true));
        // the same article under the dynamic address, whose page names no canonical address
        Article water = article("316940");
        // (the fixture server routes by path: the one dynamic page it serves is this id)
        county.serve("/content.jsp", "text/html", detailPage(water, null, false));
        county.serve(
                "/xwzx/gzdt/",
                "text/html",
                listPage(
                        "工作动态",
                        List.of(row("/art/316950", fire), row(water.path(), water), row(article("316920"))),
                        false));
        county.serve(
                "/xwzx/xzdt/",
                "text/html",
                listPage("乡镇动态", List.of(row(article("316930")), row("/content.jsp?id=316940", water)), false));
        county.serve(
                "/",
                "text/html",
                listPage("孝昌县人民政府", List.of(row(fire), row(article("316930")), row(article("316900"))), true));
        county.serve("/rss.xml", "application/rss+xml; charset=utf-8", countyFeed());
        serveDaily();
    }

    private static String[] row(Article a) {
        return row(a.path(), a);
    }

    private static String[] row(String path, Article a) {
        return new String[] {path, a.title(), a.date()};
    }

    // A column page as TRS templates write it: GBK, relative links, dates in a span; the homepage uses 年月日.
    private static byte[] listPage(String column, List<String[]> rows, boolean chineseDates) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>")
                .append(column)
                .append("_孝昌县人民政府</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div>")
                .append("<ul class=\"list\">");
        for (String[] r : rows) {
            String date = chineseDates ? r[2].replaceFirst("(\\d+)-0?(\\d+)-0?(\\d+)", "$1年$2月$3日") : r[2];
            html.append("<li><a href=\"")
                    .append(r[0])
                    .append("\" target=\"_blank\">")
                    .append(r[1])
                    .append("</a><span class=\"date\">")
                    .append(date)
                    .append("</span></li>");
        }
        html.append("</ul><div class=\"footer\">主办：孝昌县人民政府办公室</div></body></html>");
        return html.toString().getBytes(GBK);
    }

    private static byte[] detailPage(Article a, String canonical, boolean ogUrl) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"gbk\">")
                .append("<meta name=\"ArticleTitle\" content=\"")
                .append(a.title())
                .append("\"><meta name=\"PubDate\" content=\"")
                .append(a.date())
                .append(' ')
                .append(a.time())
                .append("\">");
        if (canonical != null) {
            html.append(ogUrl ? "<meta property=\"og:url\" content=\"" : "<link rel=\"canonical\" href=\"")
                    .append(canonical)
                    .append("\">");
        }
        html.append("<title>")
                .append(a.title())
                .append("_工作动态_孝昌县人民政府</title></head><body><div class=\"nav\">首页 &gt; 新闻中心</div>")
                .append("<h1>")
                .append(a.title())
                .append("</h1><div class=\"info\">发布时间：")
                .append(a.date())
                .append(' ')
                .append(a.time())
                .append("　来源：孝昌县融媒体中心　浏览次数：128</div><div id=\"zoom\">")
                .append(a.body())
                .append("</div><div class=\"footer\">【打印本页】【关闭窗口】</div></body></html>");
        return html.toString().getBytes(GBK);
    }

    // The county's feed: every entry with its first paragraph as the description (summary-only).
    private byte[] countyFeed() {
        StringBuilder items = new StringBuilder();
        for (String id : List.of("316950", "316930", "316920", "316800", "316900")) {
            Article a = article(id);
            items.append(item(
                    a.title(), countyUrl(a.path()), rfc822(a), a.paragraphs().get(0)));
        }
        return rss("孝昌县人民政府", items.toString());
    }

    // The city daily reposts two county stories under its own addresses; its feed cuts and decorates titles and
    // carries the first paragraph only. Its pages have the whole story, with the daily's own template.
    private void serveDaily() {
        Article fire = article("316950");
        Article training = article("316930");
        List<String[]> reposts = new ArrayList<>();
        reposts.add(new String[] {"/html/2026-10/23/content_88123.htm", "小河镇召开秋季森林防火工作部署…_孝感日报", "316950"});
        reposts.add(new String[] {"/html/2026-10/21/content_88017.htm", "周巷镇举办农村实用技术培训班_孝感…", "316930"});
        StringBuilder items = new StringBuilder();
        for (String[] r : reposts) {
            Article a = r[2].equals("316950") ? fire : training;
            items.append(item(
                    r[1],
                    daily.url(r[0]),
                    rfc822(a).replace("+0800", "+0800"),
                    a.paragraphs().get(0)));
            String page = "<html><head><meta charset=\"utf-8\"><title>" + a.title() + "_孝感日报</title></head><body>"
                    + "<div class=\"logo\">孝感日报</div><div class=\"article\"><h2 class=\"title\">" + a.title()
                    + "</h2><div class=\"source\">来源：孝昌县人民政府网　" + a.date() + "</div><div class=\"content\">"
                    + a.body() + "</div></div><div class=\"copyright\">版权所有：孝感日报社</div></body></html>";
            daily.serve(r[0], "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        }
        daily.serve("/rss.xml", "application/rss+xml; charset=utf-8", rss("孝感日报", items.toString()));
    }

    private static String rfc822(Article a) {
        String[] d = a.date().split("-");
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        return d[2] + " " + months[Integer.parseInt(d[1]) - 1] + " " + d[0] + " " + a.time() + ":00 +0800";
    }

    private static String item(String title, String link, String date, String text) {
        return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>" + date
                + "</pubDate><description><![CDATA[" + text + "]]></description></item>";
    }

    private static byte[] rss(String channel, String items) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + channel
                        + "</title><link>http://127.0.0.1/</link><description>d</description>" + items
                        + "</channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        county.close();
        daily.close();
    }
}
