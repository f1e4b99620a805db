package io.countywatch.aggregator.extract.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;

/** The raw item/entry elements of a feed, in the order Rome reads them, and their date text. */
final class RawEntries {

    private static final Set<String> CONTAINERS = Set.of("rss", "channel", "RDF", "feed");
    // In order of preference: the first publication date, then the last change.
    private static final List<String> DATE_ELEMENTS =
            List.of("pubDate", "published", "issued", "created", "date", "updated", "modified");

    private RawEntries() {}

    static List<Element> of(Document document) {
        List<Element> entries = new ArrayList<>();
        collect(document.getRootElement(), entries);
        return entries;
    }

    private static void collect(Element element, List<Element> entries) {
        for (Element child : element.getChildren()) {
            String name = child.getName();
            if (name.equals("item") || name.equals("entry")) {
                entries.add(child);
            } else if (CONTAINERS.contains(name)) {
                collect(child, entries);
            }
        }
    }

    static Optional<String> dateText(Element entry) {
        if (entry == null) {
            return Optional.empty();
        }
        for (String name : DATE_ELEMENTS) {
            for (Element child : entry.getChildren()) {
                if (child.getName().equals(name) && !child.getTextTrim().isEmpty()) {
                    return Optional.of(child.getTextTrim());
                }
            }
        }
        return Optional.empty();
    }
}
