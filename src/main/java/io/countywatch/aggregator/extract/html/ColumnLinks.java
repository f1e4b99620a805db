package io.countywatch.aggregator.extract.html;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The news columns a county site's page links to, found by their link text (新闻中心, 工作动态, 乡镇动态, 部门动态,
 * 通知公告, 政策文件, …), and the RSS/Atom feeds it announces or links to. Used to onboard a county from its homepage.
 */
public final class ColumnLinks {

    // The column names of county and city government sites that carry dated news; longest first, so that
    // "乡镇动态" is not read as a mere "动态".
    private static final List<String> COLUMN_WORDS = List.of(
            "新闻中心", "新闻动态", "工作动态", "政务动态", "乡镇动态", "镇街动态", "部门动态", "部门信息", "通知公告", "公示公告", "政策文件", "政策法规", "今日要闻",
            "本地要闻", "要闻动态", "图片新闻", "政府文件", "公告公示", "通知", "公告", "要闻", "动态");

    // A column link is a short menu entry; longer text is an article that mentions one of the words.
    private static final int MAX_NAME_CHARS = 8;

    private ColumnLinks() {}

    /** A column or feed: its name as the page shows it, its URL, and whether it is a feed. */
    public record Column(String name, URI url, boolean feed) {}

    /** The page's column links and feeds, each URL once, in page order; feeds first. */
    public static List<Column> find(String html, URI pageUrl) {
        Document page = Jsoup.parse(html, pageUrl.toString());
        Map<URI, Column> found = new LinkedHashMap<>();
        for (Element link : page.select("link[rel=alternate][href]")) {
            String type = link.attr("type").toLowerCase(Locale.ROOT);
            if (type.contains("rss") || type.contains("atom")) {
                add(found, new Column(name(link.attr("title"), "RSS"), absolute(link), true));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (Element a : page.select("a[href]")) {
            String text = a.text().strip().replaceAll("\\s+", "");
            String href = a.attr("href").toLowerCase(Locale.ROOT);
            URI url = absolute(a);
            if (url == null || !sameSite(url, pageUrl)) {
                continue;
            }
            if (href.endsWith(".xml") || href.contains("rss")) {
                add(found, new Column(name(text, "RSS"), url, true));
            } else if (!text.isEmpty()
                    && text.length() <= MAX_NAME_CHARS
                    && isColumnName(text)
                    && !url.equals(pageUrl)) {
                columns.add(new Column(text, url, false));
            }
        }
        columns.forEach(c -> add(found, c));
        return List.copyOf(found.values());
    }

    /** The site's name: the part of the homepage's {@code <title>} that names the government ("孝昌县人民政府"). */
    public static String siteName(String html) {
        String title = Jsoup.parse(html).title().strip();
        for (String part : title.split("[_|｜\\-—–]")) {
            if (part.strip().endsWith("政府") || part.strip().endsWith("网")) {
                return part.strip();
            }
        }
        String first = title.split("[_|｜\\-—–]")[0].strip();
        return first.isEmpty() ? "site" : first;
    }

    static boolean isColumnName(String text) {
        return COLUMN_WORDS.stream().anyMatch(text::contains) && !text.contains("更多");
    }

    private static void add(Map<URI, Column> found, Column column) {
        if (column.url() != null) {
            found.putIfAbsent(column.url(), column);
        }
    }

    private static String name(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }

    private static boolean sameSite(URI url, URI page) {
        String host = url.getHost();
        String home = page.getHost();
        if (host == null || home == null) {
            return false;
        }
        return host.equalsIgnoreCase(home) || host.endsWith("." + registrable(home));
    }

    // "www.xiaochang.gov.cn" → "xiaochang.gov.cn": columns often live on the same county's other hosts
    private static String registrable(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static URI absolute(Element link) {
        String href = link.absUrl("href");
        if (!href.startsWith("http://") && !href.startsWith("https://")) {
            return null;
        }
        try {
            URI uri = URI.create(href);
            return uri.getRawFragment() == null ? uri : new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }
}
