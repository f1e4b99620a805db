package io.countywatch.aggregator.web.api;

import java.util.List;

/** {@code GET /api/items}: a page of items, newest first, and the cursor of the next page (null on the last). */
public record ItemsPage(List<ItemJson> items, String next) {}
