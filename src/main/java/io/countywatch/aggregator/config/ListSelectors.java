package io.countywatch.aggregator.config;

/**
 * The jsoup CSS selectors that pick items out of an HTML list page; {@code link} and {@code title} are
 * evaluated inside each {@code item}. Every selector has been parsed once by the loader, so it is valid.
 *
 * @param date selector of the item's date text, or {@code null} when the list shows no dates
 */
public record ListSelectors(String item, String link, String title, String date) {}
