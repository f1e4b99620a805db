package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The items one list page yielded, and the next list page when the source follows pagination.
 *
 * @param provenance where each item's title and date came from, by the item's URL as extracted
 * @param inferred the selectors automatic mode found, or null when the source has its own
 */
public record ListPage(
        List<ExtractedItem> items, URI next, Map<String, Provenance> provenance, ListSelectors inferred) {
    public ListPage {
        items = List.copyOf(items);
        provenance = Map.copyOf(provenance);
    }

    /**
     * Where a list item's title and date came from: "selector", "title attribute", "inferred" (automatic mode),
     * "none" for a date; later steps may say "detail page".
     */
    public record Provenance(String title, String date) {}
}
