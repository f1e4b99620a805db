package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.util.List;

/** The items one list page yielded, and the next list page when the source follows pagination. */
public record ListPage(List<ExtractedItem> items, URI next) {
    public ListPage {
        items = List.copyOf(items);
    }
}
