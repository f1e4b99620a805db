package io.countywatch.aggregator.extract.html;

import java.net.URI;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finds a list page's next page: by the source's {@code next} selector, or by the link text "下一页". */
final class NextPage {

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
