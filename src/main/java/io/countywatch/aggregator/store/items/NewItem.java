package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import java.time.Instant;

/**
 * An extracted item ready to store: its URL already canonical, its date decided.
 *
 * @param fetchedAt when this poll saw it; also its published time when {@code origin} is FETCHED
 * @param listedAt the address the source listed it under when its page named another one as canonical (then
 *     recorded as another place of the item, so the next poll knows the listed address), else null
 */
public record NewItem(String sourceId, ExtractedItem item, DateOrigin origin, Instant fetchedAt, String listedAt) {}
