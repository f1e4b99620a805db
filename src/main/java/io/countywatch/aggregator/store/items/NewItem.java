package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import java.time.Instant;

/**
 * An extracted item ready to store: its URL already canonical, its date decided.
 *
 * @param fetchedAt when this poll saw it; also its published time when {@code origin} is FETCHED
 */
public record NewItem(String sourceId, ExtractedItem item, DateOrigin origin, Instant fetchedAt) {}
