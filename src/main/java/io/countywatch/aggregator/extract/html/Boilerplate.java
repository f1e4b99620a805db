package io.countywatch.aggregator.extract.html;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The parts of a government article page that are not the article: navigation, share and print bars,
 * "close window" links, page footers. Removed before the content is chosen and again inside the chosen content.
 */
final class Boilerplate {

    // parsed once: jsoup parses a selector string again on every select
    private static final Evaluator STRUCTURAL = QueryParser.parse(
            "script, style, noscript, iframe, form, input, button, select, nav, header, footer, object, embed");

    // Short bars that hold these words are tools, not text: share, print, close, font size, previous/next.
    private static final List<String> TOOL_WORDS = List.of(
            "分享到", "打印本页", "【打印】", "打印此页", "关闭窗口", "【关闭】", "关闭本页", "字体：", "字号：", "【大 中 小】", "上一篇", "下一篇", "扫一扫", "收藏本页",
            "返回顶部");

    // A tool bar is a line or two; anything longer is text that merely mentions one of the words.
    private static final int TOOL_BAR_MAX_CHARS = 80;

    // Class or id fragments of page chrome that templates of Chinese government CMSs use.
    private static final List<String> CHROME_NAMES = List.of(
            "nav",
            "menu",
            "footer",
            "foot",
            "bottom",
            "header",
            "share",
            "print",
            "breadcrumb",
            "crumb",
            "position",
            "location",
            "copyright",
            "sidebar",
            "related",
            "xgxw",
            "xgwz",
            "friend",
            "yqlj");

    private Boilerplate() {}

    static void removeStructural(Element root) {
        root.select(STRUCTURAL).remove();
    }

    static void removeToolBars(Element root) {
        for (Element element : root.select("*")) {
            if (element == root || element.parent() == null) {
                continue;
            }
            String text = element.text();
            if (text.length() <= TOOL_BAR_MAX_CHARS && TOOL_WORDS.stream().anyMatch(text::contains)) {
                element.remove();
            }
        }
    }

    /**
     * True when the element or an ancestor below {@code <body>} is named like page chrome (navigation, footer,
     * related links). The body's own class names the page's look ("scrollHeader"), not a part of it.
     */
    static boolean inChrome(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            String tag = e.normalName();
            if (tag.equals("body") || tag.equals("html")) {
                return false;
            }
            if (tag.equals("nav") || tag.equals("footer") || tag.equals("header")) {
                return true;
            }
            String names = (e.className() + " " + e.id()).toLowerCase(java.util.Locale.ROOT);
            if (!names.isBlank() && CHROME_NAMES.stream().anyMatch(names::contains)) {
                return true;
            }
        }
        return false;
    }
}
