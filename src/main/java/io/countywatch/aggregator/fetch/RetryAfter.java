package io.countywatch.aggregator.fetch;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a Retry-After header: delay seconds or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {}

    static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
