package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;

/**
 * An extracted item after the detail step: its title possibly completed, its content and date possibly taken
 * from its own page.
 *
 * @param known true when this source has stored the item already (its detail page was not fetched)
 * @param titleFrom "selector", "title attribute", "inferred", "detail page" or "feed"
 * @param dateFrom "selector", "inferred", "detail page", "feed" or "first seen"
 * @param origin the 来源 line of its detail page, or null
 * @param listedAt the address the source listed it under, when its page named another one as canonical; else null
 */
record EnrichedItem(
        ExtractedItem item,
        DateOrigin dateOrigin,
        boolean known,
        String titleFrom,
        String dateFrom,
        String origin,
        String listedAt) {

    public EnrichedItem(
            ExtractedItem item,
            DateOrigin dateOrigin,
            boolean known,
            String titleFrom,
            String dateFrom,
            String origin) {
        this(item, dateOrigin, known, titleFrom, dateFrom, origin, null);
    }
}
