package io.countywatch.aggregator.extract.html;

import java.net.URI;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds a list page's next page: by the source's {@code next} selector, else by a link saying "下一页" (or only "&gt;"),
 * else by a link to the numbered next page ({@code index_1.html}, {@code page_2.html}, {@code ?page=2}), else from
 * the TRS CMS pager script {@code createPageHTML(pages, current, "index", "html")}, whose links exist only after
 * JavaScript runs (page n+1 of {@code index.html} is {@code index_n.html}, counting from 0).
 */
final class NextPage {

    private static final java.util.regex.Pattern TRS_PAGER = java.util.regex.Pattern.compile(
            "createPageHTML\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*[\"'](\\w+)[\"']\\s*,\\s*[\"'](\\w+)[\"']");

    private static final org.jsoup.select.Evaluator LINKS = org.jsoup.select.QueryParser.parse("a[href]");

    private static final List<String> NEXT_WORDS = List.of("下一页", "下页", "后一页", "下一頁");

    // Pagers that show only an arrow for "next"; "»" and ">>" often mean the last page, so they are left out.
    private static final List<String> NEXT_ARROWS = List.of(">", "›", "＞");

    private NextPage() {}

    static URI bySelector(Document page, String selector) {
        Element next = page.selectFirst(selector);
        return next == null ? null : absolute(next);
    }

    static URI byText(Document page) {
        for (Element a : page.select(LINKS)) {
            String text = a.text().strip();
            String title = a.attr("title").strip();
            if (NEXT_WORDS.stream().anyMatch(w -> text.contains(w) || title.contains(w))
                    || NEXT_ARROWS.contains(text)) {
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

    /** A link of the page to the URL page n+1 has in a numbered form ({@code index_1.html}, {@code ?page=2}). */
    static URI byNumber(Document page) {
        URI current;
        try {
            current = URI.create(page.location());
        } catch (IllegalArgumentException e) {
            return null;
        }
        List<URI> candidates = NumberedPages.after(current);
        // one pass over the links (a county page has hundreds): the candidate earliest in the list wins
        int best = candidates.size();
        URI found = null;
        for (Element a : page.select(LINKS)) {
            String href = a.attr("href");
            if (href.isEmpty() || href.startsWith("javascript") || href.startsWith("#")) {
                continue;
            }
            URI link = absolute(a);
            int rank = link == null ? -1 : candidates.indexOf(link);
            if (rank >= 0 && rank < best) {
                best = rank;
                found = link;
            }
        }
        return found;
    }

    /** The next page by selector, by text, by a numbered link, or by the pager script, in that order. */
    static URI find(Document page, String selector) {
        if (selector != null) {
            return bySelector(page, selector);
        }
        URI byText = byText(page);
        if (byText != null) {
            return byText;
        }
        URI byNumber = byNumber(page);
        return byNumber != null ? byNumber : byPagerScript(page);
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
