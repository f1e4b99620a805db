package io.countywatch.aggregator.web.api;

import io.countywatch.aggregator.config.ListSelectors;

/** The list selectors automatic mode inferred for a page. */
record SelectorsJson(String item, String link, String title, String date) {

    /** Null for null: a feed, or a page without a list, has none. */
    public static SelectorsJson of(ListSelectors selectors) {
        return selectors == null
                ? null
                : new SelectorsJson(selectors.item(), selectors.link(), selectors.title(), selectors.date());
    }
}
