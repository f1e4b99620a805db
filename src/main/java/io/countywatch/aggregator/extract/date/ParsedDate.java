package io.countywatch.aggregator.extract.date;

import java.time.OffsetDateTime;

/**
 * A publication date found in page text. A date without a time of day is midnight in the source's zone
 * and has {@code hasTime} false, so callers can tell "published that day" from "published at midnight".
 */
public record ParsedDate(OffsetDateTime value, boolean hasTime) {}
