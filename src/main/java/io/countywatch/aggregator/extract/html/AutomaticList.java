package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.extract.date.PublishedDateParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds a list page's main list of articles without selectors: among every group of same-shaped siblings
 * (same tag, same classes), the one whose rows carry long link titles and dates, outside navigation, footers
 * and "related" boxes. The answer is a set of ordinary selectors, so it can be shown and copied into the file.
 */
final class AutomaticList {

    // Article titles on these sites run 10–60 characters; menu entries and "更多>>" links are much shorter.
    static final int MIN_TITLE_CHARS = 8;

    // Fewer rows than this is a box of highlights, not the list.
    private static final int MIN_ROWS = 3;

    // Most rows of a real list are articles; a menu with one long entry is not a list.
    private static final double MIN_ARTICLE_SHARE = 0.6;

    private final PublishedDateParser dates = new PublishedDateParser();

    private record Candidate(Element parent, String rowSelector, List<Element> rows, double score) {}

    Optional<ListSelectors> find(Document page, ZoneId zone, Instant now) {
        List<Candidate> candidates = new ArrayList<>();
        for (Element parent : page.body().select("*")) {
            if (parent.childrenSize() < MIN_ROWS || Boilerplate.inChrome(parent)) {
                continue;
            }
            Map<String, List<Element>> groups = new LinkedHashMap<>();
            for (Element child : parent.children()) {
                groups.computeIfAbsent(shape(child), k -> new ArrayList<>()).add(child);
            }
            groups.forEach(
                    (shape, rows) -> score(parent, shape, rows, zone, now).ifPresent(candidates::add));
        }
        return candidates.stream()
                .max(Comparator.comparingDouble(Candidate::score))
                .map(best -> selectors(best, zone, now));
    }

    private Optional<Candidate> score(Element parent, String shape, List<Element> rows, ZoneId zone, Instant now) {
        if (rows.size() < MIN_ROWS) {
            return Optional.empty();
        }
        int articles = 0;
        int dated = 0;
        int titleChars = 0;
        for (Element row : rows) {
            Element link = titleLink(row);
            if (link == null) {
                continue;
            }
            articles++;
            titleChars += titleOf(link).length();
            if (rowDate(row, link, zone, now)) {
                dated++;
            }
        }
        if (articles < MIN_ROWS || articles < rows.size() * MIN_ARTICLE_SHARE) {
            return Optional.empty();
        }
        // Dates weigh most: navigation and "related" boxes have long titles too, but rarely a date per row.
        double score = articles * (titleChars / (double) articles) * (1 + 3.0 * dated / articles);
        return Optional.of(new Candidate(parent, shape, rows, score));
    }

    /** The row's link with the longest title, if that title is long enough to be an article's. */
    static Element titleLink(Element row) {
        Element best = null;
        for (Element a : row.select("a[href]")) {
            String href = a.attr("href").strip().toLowerCase(java.util.Locale.ROOT);
            if (href.isEmpty() || href.startsWith("javascript:") || href.startsWith("#")) {
                continue;
            }
            if (best == null || titleOf(a).length() > titleOf(best).length()) {
                best = a;
            }
        }
        return best != null && titleOf(best).length() >= MIN_TITLE_CHARS ? best : null;
    }

    static String titleOf(Element link) {
        String attribute = link.attr("title").strip();
        return attribute.isEmpty() ? link.text().strip() : attribute;
    }

    private boolean rowDate(Element row, Element link, ZoneId zone, Instant now) {
        String text = row.text().replace(link.text(), " ");
        return dates.parse(text, zone, now).isPresent();
    }

    private ListSelectors selectors(Candidate best, ZoneId zone, Instant now) {
        String item = itemSelector(best);
        String link = linkSelector(best.rows());
        return new ListSelectors(item, link, link, dateSelector(best.rows(), zone, now));
    }

    /**
     * The rows' selector. Many CMS templates split one list into blocks of five ({@code <ul>} after {@code <ul>},
     * a rule between them): when the winning parent's same-shaped siblings hold the same rows, select across all.
     */
    private static String itemSelector(Candidate best) {
        Element parent = best.parent();
        Element grandparent = parent.parent();
        String parentShape = shape(parent);
        if (grandparent != null && parent.id().isEmpty()) {
            long blocks = grandparent.children().stream()
                    .filter(sibling -> shape(sibling).equals(parentShape))
                    .filter(sibling -> sibling.children().stream()
                            .anyMatch(row -> shape(row).equals(best.rowSelector()) && titleLink(row) != null))
                    .count();
            if (blocks > 1) {
                return grandparent.cssSelector() + " > " + parentShape + " > " + best.rowSelector();
            }
        }
        return parent.cssSelector() + " > " + best.rowSelector();
    }

    private static String shape(Element element) {
        StringBuilder shape = new StringBuilder(element.normalName());
        element.classNames().stream().sorted().forEach(c -> shape.append('.').append(cssEscape(c)));
        return shape.toString();
    }

    /** "a.cls" when every row's title link shares that class, else "a" (the longest-titled link is taken). */
    private static String linkSelector(List<Element> rows) {
        String common = null;
        for (Element row : rows) {
            Element link = titleLink(row);
            if (link == null) {
                continue;
            }
            String shape = shape(link);
            if (common == null) {
                common = shape;
            } else if (!common.equals(shape)) {
                return "a";
            }
        }
        return common == null || common.equals("a") ? "a" : common;
    }

    /** The shape of the smallest element holding the date in most rows, or null when dates are loose text. */
    private String dateSelector(List<Element> rows, ZoneId zone, Instant now) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Element row : rows) {
            for (Element e : row.select("*")) {
                if (e != row
                        && e.select("a[href]").isEmpty()
                        && e.children().isEmpty()
                        && dates.parse(e.text(), zone, now).isPresent()) {
                    votes.merge(shape(e), 1, Integer::sum);
                    break;
                }
            }
        }
        return votes.entrySet().stream()
                .filter(v -> v.getValue() >= rows.size() * MIN_ARTICLE_SHARE)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static String cssEscape(String className) {
        return className.replaceAll("([^A-Za-z0-9_-])", "\\\\$1");
    }
}
