package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.ItemView;
import java.util.List;

/** One page of items, newest first, and the cursor of the next page (null on the last one). */
public record ItemPage(List<ItemView> items, ItemCursor next) {
    public ItemPage {
        items = List.copyOf(items);
    }
}
