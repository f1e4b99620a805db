package io.countywatch.aggregator.config;

/**
 * The jsoup CSS selectors applied to each new item's own page. Each one is {@code null} when not configured,
 * in which case the extractor falls back to what the list page or feed gave.
 */
public record DetailSelectors(String title, String content, String date) {}
