package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.config.ListSelectors;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds a list page's main list of articles without selectors: among every group of same-shaped siblings (same
 * tag, same classes), the one whose rows carry long link titles and dates, outside navigation, footers, "related"
 * boxes and hidden tab panels. A list split into blocks (a {@code <ul>} of five rows after another, a rule between
 * them) counts as one list. The answer is a set of ordinary, short selectors, so it can be shown and kept.
 */
final class AutomaticList {

    // Fewer rows than this is a box of highlights, not the list.
    private static final int MIN_ROWS = 3;

    // Most rows of a real list are articles; a menu with one long entry is not a list.
    private static final double MIN_ARTICLE_SHARE = 0.6;

    private final RowParts parts = new RowParts();

    /** Same-shaped rows, under one parent or under same-shaped sibling blocks, with what they hold. */
    private record Candidate(List<Element> rows, List<Element> articles, int titleChars, int dated) {
        double score() {
            // Dates weigh most: navigation and "related" boxes have long titles too, but rarely a date per row.
            return articles.size() * (titleChars / (double) articles.size()) * (1 + 3.0 * dated / articles.size());
        }

        Candidate plus(Candidate other) {
            List<Element> allRows = new ArrayList<>(rows);
            allRows.addAll(other.rows);
            List<Element> allArticles = new ArrayList<>(articles);
            allArticles.addAll(other.articles);
            return new Candidate(allRows, allArticles, titleChars + other.titleChars, dated + other.dated);
        }
    }

    Optional<ListSelectors> find(Document page, ZoneId zone, Instant now) {
        Map<String, Candidate> blocks = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        // every element's shape is asked for again by each of its siblings' block checks: compute it once
        Map<Element, String> shapes = new IdentityHashMap<>();
        for (Element parent : page.body().select("*")) {
            if (parent.childrenSize() == 0 || Boilerplate.inChrome(parent) || hidden(parent)) {
                continue;
            }
            Map<String, List<Element>> groups = new LinkedHashMap<>();
            for (Element child : parent.children()) {
                groups.computeIfAbsent(shapes.computeIfAbsent(child, KeptSelectors::shape), k -> new ArrayList<>())
                        .add(child);
            }
            groups.forEach((shape, rows) -> {
                Optional<String> block = blockKey(parent, shape, shapes);
                if (rows.size() < MIN_ROWS && block.isEmpty()) {
                    return; // too few rows to be a list, and not a block of a longer one
                }
                Candidate candidate = candidate(rows, zone, now);
                if (candidate.articles().isEmpty()) {
                    return;
                }
                candidates.add(candidate);
                block.ifPresent(key -> blocks.merge(key, candidate, Candidate::plus));
            });
        }
        candidates.addAll(blocks.values());
        return candidates.stream()
                .filter(AutomaticList::isList)
                .max(Comparator.comparingDouble(Candidate::score))
                .map(best -> selectors(page, best, zone, now));
    }

    private Candidate candidate(List<Element> rows, ZoneId zone, Instant now) {
        List<Element> articles = new ArrayList<>();
        int titleChars = 0;
        int dated = 0;
        for (Element row : rows) {
            Element link = RowParts.titleLink(row);
            if (link == null || RowParts.isBlock(row)) {
                continue;
            }
            articles.add(row);
            titleChars += RowParts.titleOf(link).length();
            if (parts.dateElement(row, link, zone, now) != null) {
                dated++;
            }
        }
        return new Candidate(rows, articles, titleChars, dated);
    }

    private static boolean isList(Candidate c) {
        return c.articles().size() >= MIN_ROWS
                && c.articles().size() >= c.rows().size() * MIN_ARTICLE_SHARE;
    }

    /**
     * Rows under a parent that has same-shaped siblings (TRS templates split a list into {@code <ul>} blocks of
     * five) belong to one list with the rows of those siblings: keyed by the grandparent, the parent's shape and
     * the rows' shape. A parent with an id is a list of its own (tab panels carry ids).
     */
    private static Optional<String> blockKey(Element parent, String rowShape, Map<Element, String> shapes) {
        Element grandparent = parent.parent();
        if (grandparent == null || !parent.id().isEmpty()) {
            return Optional.empty();
        }
        String parentShape = shapes.computeIfAbsent(parent, KeptSelectors::shape);
        long blocks = grandparent.children().stream()
                .filter(s -> shapes.computeIfAbsent(s, KeptSelectors::shape).equals(parentShape))
                .limit(2)
                .count();
        return blocks > 1
                ? Optional.of(System.identityHashCode(grandparent) + "|" + parentShape + "|" + rowShape)
                : Optional.empty();
    }

    // Tab panels other than the first are hidden until clicked; their lists are not the page's list.
    private static boolean hidden(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            String style = e.attr("style").replace(" ", "").toLowerCase(Locale.ROOT);
            if (style.contains("display:none")) {
                return true;
            }
        }
        return false;
    }

    private ListSelectors selectors(Document page, Candidate best, ZoneId zone, Instant now) {
        String item = KeptSelectors.rows(page, best.rows());
        int all = best.articles().size();
        String link = KeptSelectors.part(best.articles(), RowParts::titleLink, all);
        if (link == null) {
            link = "a";
        }
        String date = KeptSelectors.part(
                best.articles(), row -> parts.dateElement(row, RowParts.titleLink(row), zone, now), (int)
                        Math.ceil(all * MIN_ARTICLE_SHARE));
        return new ListSelectors(item, link, link, date);
    }
}
