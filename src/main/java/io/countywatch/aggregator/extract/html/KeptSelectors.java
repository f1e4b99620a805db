package io.countywatch.aggregator.extract.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Selectors a person can keep: short, built from the ids and classes the page offers ({@code table.listtable tr},
 * {@code td.list_date}), and checked against the page, so that pasting them into {@code sources.yml} selects
 * exactly what automatic mode read. A long absolute path is the last resort.
 */
final class KeptSelectors {

    // How far up from a row an anchor (an element with an id or a class) is looked for.
    private static final int ANCESTORS = 6;

    // CSS identifiers jsoup parses without escapes; anything else is left out of short selectors.
    private static final Pattern IDENT = Pattern.compile("-?[A-Za-z_][A-Za-z0-9_-]*");

    private KeptSelectors() {}

    /** The shortest selector that selects exactly {@code rows} on the page. */
    static String rows(Document page, List<Element> rows) {
        Set<Element> target = new HashSet<>(rows);
        Element first = rows.get(0);
        List<String> candidates = new ArrayList<>();
        String rowShape = shape(first);
        for (String token : tokens(first)) {
            if (!token.equals(first.normalName())) {
                candidates.add(token);
            }
        }
        int depth = 0;
        String chain = rowShape;
        for (Element a = first.parent();
                a != null && depth < ANCESTORS && !a.normalName().equals("html");
                a = a.parent()) {
            for (String token : tokens(a)) {
                if (token.equals(a.normalName())) {
                    continue;
                }
                candidates.add(token + " " + first.normalName());
                candidates.add(token + " " + rowShape);
                candidates.add(token + " > " + chain);
            }
            chain = shape(a) + " > " + chain;
            depth++;
        }
        candidates.sort(Comparator.comparingInt(String::length));
        for (String candidate : candidates) {
            if (selectsExactly(page, candidate, target)) {
                return candidate;
            }
        }
        return absolute(page, rows, target);
    }

    private static String absolute(Document page, List<Element> rows, Set<Element> target) {
        List<String> parents = new ArrayList<>();
        for (Element row : rows) {
            String parent = row.parent().cssSelector() + " > " + shape(row);
            if (!parents.contains(parent)) {
                parents.add(parent);
            }
        }
        return String.join(", ", parents);
    }

    private static boolean selectsExactly(Document page, String selector, Set<Element> target) {
        try {
            Elements found = Selector.select(selector, page);
            return found.size() == target.size() && target.containsAll(found);
        } catch (Selector.SelectorParseException e) {
            return false;
        }
    }

    /**
     * The selector, relative to a row, that finds in most rows the part {@code partOf} names (the title link, the
     * date element) as the row's first match; null when no candidate does so in at least {@code min} rows.
     */
    static String part(List<Element> rows, Function<Element, Element> partOf, int min) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Element row : rows) {
            Element part = partOf.apply(row);
            if (part == null) {
                continue;
            }
            for (String candidate : partCandidates(part, row)) {
                Element first = firstIn(row, candidate);
                if (first == part) {
                    votes.merge(candidate, 1, Integer::sum);
                }
            }
        }
        return votes.entrySet().stream()
                .filter(v -> v.getValue() >= min)
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(v -> -v.getKey().length()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static List<String> partCandidates(Element part, Element row) {
        List<String> candidates = new ArrayList<>(tokens(part));
        String tag = part.normalName();
        if (!part.attr("title").isBlank()) {
            candidates.add(tag + "[title]");
        }
        candidates.add(tag + ":nth-of-type(" + (sameTagIndex(part) + 1) + ")");
        candidates.add(tag + ":last-of-type");
        Element parent = part.parent();
        if (parent != null && parent != row) {
            for (String token : tokens(parent)) {
                candidates.add(token + " > " + tag);
                candidates.add(token + " " + shape(part));
            }
        }
        return candidates;
    }

    private static int sameTagIndex(Element e) {
        int index = 0;
        for (Element sibling : e.parent().children()) {
            if (sibling == e) {
                return index;
            }
            if (sibling.normalName().equals(e.normalName())) {
                index++;
            }
        }
        return index;
    }

    private static Element firstIn(Element row, String selector) {
        try {
            return row.selectFirst(SelectorCache.of(selector));
        } catch (Selector.SelectorParseException e) {
            return null;
        }
    }

    /** The ways to name an element: {@code #id}, {@code tag.class} for each class, its shape, its tag. */
    static List<String> tokens(Element e) {
        List<String> tokens = new ArrayList<>();
        if (!e.id().isBlank() && IDENT.matcher(e.id()).matches()) {
            tokens.add("#" + e.id());
        }
        for (String c : e.classNames()) {
            if (IDENT.matcher(c).matches()) {
                tokens.add(e.normalName() + "." + c);
            }
        }
        String shape = shape(e);
        if (!tokens.contains(shape)) {
            tokens.add(shape);
        }
        return tokens;
    }

    /** Tag and sorted classes: same-shaped siblings are the rows of one list. */
    static String shape(Element element) {
        StringBuilder shape = new StringBuilder(element.normalName());
        element.classNames().stream()
                .sorted()
                .forEach(c -> shape.append('.').append(c.replaceAll("([^A-Za-z0-9_-])", "\\\\$1")));
        return shape.toString();
    }
}
