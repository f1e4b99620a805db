package io.countywatch.aggregator.extract.html;

import java.net.URI;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds a list page's next page: by the source's {@code next} selector, else by a link saying "下一页", else from
 * the TRS CMS pager script {@code createPageHTML(pages, current, "index", "html")}, whose links exist only after
 * JavaScript runs (page n+1 of {@code index.html} is {@code index_n.html}, counting from 0).
 */
final class NextPage {

    private static final java.util.regex.Pattern TRS_PAGER = java.util.regex.Pattern.compile(
            "createPageHTML\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*[\"'](\\w+)[\"']\\s*,\\s*[\"'](\\w+)[\"']");

    private static final List<String> NEXT_WORDS = List.of("下一页", "下页", "后一页", "下一頁");

    private NextPage() {}

    static URI bySelector(Document page, String selector) {
        Element next = page.selectFirst(selector);
        return next == null ? null : absolute(next);
    }

    static URI byText(Document page) {
        for (Element a : page.select("a[href]")) {
            String text = a.text().strip();
            String title = a.attr("title").strip();
            if (NEXT_WORDS.stream().anyMatch(w -> text.contains(w) || title.contains(w))) {
                URI next = absolute(a);
                if (next != null) {
                    return next;
                }
            }
        }
        return null;
    }

    static URI byPagerScript(Document page) {
        for (Element script : page.select("script")) {
            java.util.regex.Matcher m = TRS_PAGER.matcher(script.data());
            if (m.find()) {
                int pages = Integer.parseInt(m.group(1));
                int current = Integer.parseInt(m.group(2));
                if (current + 1 >= pages) {
                    return null;
                }
                String next = m.group(3) + "_" + (current + 1) + "." + m.group(4);
                try {
                    return URI.create(page.location()).resolve(next);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The next page by selector, by text, or by the pager script, in that order. */
    static URI find(Document page, String selector) {
        if (selector != null) {
            return bySelector(page, selector);
        }
        URI byText = byText(page);
        return byText != null ? byText : byPagerScript(page);
    }

    private static URI absolute(Element link) {
        String href = link.absUrl("href");
        if (!href.startsWith("http://") && !href.startsWith("https://")) {
            return null;
        }
        try {
            return URI.create(href);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
