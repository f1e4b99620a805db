package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.extract.date.PublishedDateParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The parts of one list row that automatic mode looks for: the link that carries the article's title, and the
 * element that holds its date. Shared by the list finder, the selector builder and the extractor.
 */
final class RowParts {

    // Article titles on these sites run 10–60 characters; menu entries and "更多>>" links are much shorter.
    static final int MIN_TITLE_CHARS = 8;

    // A "row" with this many different article links is a block of rows (a <ul> of five), not one article.
    private static final int BLOCK_LINKS = 3;

    // parsed once: Element.select(String) parses the query again on every call
    private static final Evaluator LINKS = QueryParser.parse("a[href]");

    private final PublishedDateParser dates = new PublishedDateParser();

    /** The row's link with the longest title, if that title is long enough to be an article's. */
    static Element titleLink(Element row) {
        Element best = null;
        for (Element a : row.select(LINKS)) {
            if (!followable(a)) {
                continue;
            }
            if (best == null || titleOf(a).length() > titleOf(best).length()) {
                best = a;
            }
        }
        return best != null && titleOf(best).length() >= MIN_TITLE_CHARS ? best : null;
    }

    /** True when the row holds several article links: it is a block of rows rather than a row. */
    static boolean isBlock(Element row) {
        Set<String> hrefs = new HashSet<>();
        for (Element a : row.select(LINKS)) {
            if (followable(a) && titleOf(a).length() >= MIN_TITLE_CHARS) {
                hrefs.add(a.attr("href").strip());
            }
        }
        return hrefs.size() >= BLOCK_LINKS;
    }

    /** The link's title: its {@code title} attribute, else its text. */
    static String titleOf(Element link) {
        String attribute = link.attr("title").strip();
        return attribute.isEmpty() ? link.text().strip() : attribute;
    }

    private static boolean followable(Element a) {
        String href = a.attr("href").strip().toLowerCase(Locale.ROOT);
        return !href.isEmpty() && !href.startsWith("javascript:") && !href.startsWith("#");
    }

    /**
     * The smallest element of the row whose text holds a date, outside the title link's text (a date span inside
     * the link counts), or null. Smallest: none of its children holds the date on its own.
     */
    Element dateElement(Element row, Element link, ZoneId zone, Instant now) {
        Map<Element, Boolean> dated = new IdentityHashMap<>();
        for (Element e : row.getAllElements()) {
            if (e == row || e == link || encloses(e, link) || !hasDate(e, zone, now, dated)) {
                continue;
            }
            boolean smaller = e.children().stream().anyMatch(c -> hasDate(c, zone, now, dated));
            if (!smaller) {
                return e;
            }
        }
        return null;
    }

    private static boolean encloses(Element e, Element link) {
        for (Element p = link.parent(); p != null; p = p.parent()) {
            if (p == e) {
                return true;
            }
        }
        return false;
    }

    private boolean hasDate(Element e, ZoneId zone, Instant now, Map<Element, Boolean> dated) {
        return dated.computeIfAbsent(e, x -> hasDate(x, zone, now));
    }

    private boolean hasDate(Element e, ZoneId zone, Instant now) {
        String text = e.text();
        // a date is short: "2023-09-18", "[09-18]", "发布时间：2023年9月18日 10:30"; longer text is a title or a paragraph
        return text.length() <= 40 && dates.parse(text, zone, now).isPresent();
    }
}
