package io.countywatch.aggregator.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two duration spellings the sources file allows: ISO-8601 ({@code PT15M}) and 500ms, 30s, 10m, 2h, 1d
 * (milliseconds for the spacing between requests to one host).
 */
final class DurationParser {

    // Whole numbers only: "1.5h" is easy to misread, and "90m" says the same thing exactly.
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|[smhd])");

    private DurationParser() {}

    /** The duration, or empty when the text is neither form; the sign is not checked here. */
    static Optional<Duration> parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(
                    switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        try {
            return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Writes a duration back the way admins write it (90s, 10m, 2h), for error messages. */
    static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0 && seconds != 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0 && seconds != 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0 && seconds != 0) {
            return seconds / 60 + "m";
        }
        if (duration.getNano() == 0) {
            return seconds + "s";
        }
        return duration.getNano() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toString();
    }
}
