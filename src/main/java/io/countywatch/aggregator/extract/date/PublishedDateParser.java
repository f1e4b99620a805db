package io.countywatch.aggregator.extract.date;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Finds the publication date inside a fragment of page text, such as
 * {@code 发布时间：2023-09-09 14:17 来源：…}.
 * Dates with a year win over year-less ones; among them the leftmost plausible date wins.
 */
public final class PublishedDateParser {

    // Sites whose clocks or zones are slightly off publish "tomorrow" a few hours early; more than that is
    // an event date or a typo, not a publication date.
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    // Nothing on these sites predates the government web portals of the 1990s; earlier years are typos.
    private static final int EARLIEST_YEAR = 1990;

    // A year-less 02-29 looks back to the last leap year, which is at most 8 years away (e.g. 2096 → 2104).
    private static final int YEARLESS_LOOKBACK_YEARS = 8;

    private record Found(int start, DateFields fields) {}

    public Optional<ParsedDate> parse(String text, ZoneId zone, Instant now) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        // NFKC turns full-width digits, colons, slashes, hyphens and the ideographic space into ASCII.
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
        Optional<ParsedDate> withYear = firstAcceptable(normalized, false, zone, now);
        return withYear.isPresent() ? withYear : firstAcceptable(normalized, true, zone, now);
    }

    private Optional<ParsedDate> firstAcceptable(String text, boolean yearless, ZoneId zone, Instant now) {
        List<Found> found = new ArrayList<>();
        for (DatePattern pattern : DatePatterns.ALL) {
            if (pattern.yearless() != yearless) {
                continue;
            }
            Matcher m = pattern.regex().matcher(text);
            while (m.find()) {
                found.add(new Found(m.start(), DateFields.read(m, pattern.groups())));
            }
        }
        // A stable sort keeps table order for matches starting at the same place.
        found.sort(Comparator.comparingInt(Found::start));
        for (Found candidate : found) {
            Optional<ParsedDate> date = resolve(candidate.fields(), zone, now);
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    private Optional<ParsedDate> resolve(DateFields f, ZoneId zone, Instant now) {
        Optional<LocalDate> day = f.year() == null ? mostRecent(f.month(), f.day(), zone, now) : dateOf(f);
        if (day.isEmpty() || day.get().getYear() < EARLIEST_YEAR) {
            return Optional.empty();
        }
        Optional<OffsetDateTime> value = f.hasTime() ? atTime(day.get(), f, zone) : atMidnight(day.get(), zone);
        return value.filter(v -> !v.toInstant().isAfter(now.plus(FUTURE_TOLERANCE)))
                .map(v -> new ParsedDate(v, f.hasTime()));
    }

    private static Optional<LocalDate> dateOf(DateFields f) {
        return isValid(f.year(), f.month(), f.day())
                ? Optional.of(LocalDate.of(f.year(), f.month(), f.day()))
                : Optional.empty();
    }

    /** The latest date with this month and day that is not after today in {@code zone}. */
    private static Optional<LocalDate> mostRecent(int month, int day, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int year = today.getYear(); year >= today.getYear() - YEARLESS_LOOKBACK_YEARS; year--) {
            if (isValid(year, month, day) && !LocalDate.of(year, month, day).isAfter(today)) {
                return Optional.of(LocalDate.of(year, month, day));
            }
        }
        return Optional.empty();
    }

    private static boolean isValid(int year, int month, int day) {
        return month >= 1
                && month <= 12
                && day >= 1
                && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    private static Optional<OffsetDateTime> atTime(LocalDate day, DateFields f, ZoneId zone) {
        int second = f.second() == null ? 0 : f.second();
        if (f.hour() > 23 || f.minute() > 59 || second > 59) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.of(day, LocalTime.of(f.hour(), f.minute(), second, f.nanos()));
        return Optional.of(
                f.offset() != null
                        ? OffsetDateTime.of(local, f.offset())
                        : local.atZone(zone).toOffsetDateTime());
    }

    private static Optional<OffsetDateTime> atMidnight(LocalDate day, ZoneId zone) {
        // atStartOfDay(zone) rather than midnight: in zones with a DST jump at 00:00 midnight does not exist.
        return Optional.of(day.atStartOfDay(zone).toOffsetDateTime());
    }
}
