package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.store.items.ItemCursor;
import io.countywatch.aggregator.store.items.ItemQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.web.server.ServerWebInputException;

/**
 * The item-listing parameters the feeds and {@code /api/items} share, read strictly: a malformed one is the
 * client's mistake, a 400 problem naming it, never a silent default or a 500 from the database.
 */
public final class QueryParameters {

    // PostgreSQL's timestamptz reaches from 4713 BC to 294276 AD; years past 9999 are no real "since" anyway, and
    // out-of-range values would fail in the database instead of here.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private QueryParameters() {}

    /** {@code limit}: absent is the default; 1 and more (above {@link ItemQuery#MAX_LIMIT} it is capped). */
    public static int limit(Integer limit) {
        if (limit == null) {
            return ItemQuery.DEFAULT_LIMIT;
        }
        if (limit < 1) {
            throw new ServerWebInputException(
                    "limit must be 1 or more (at most " + ItemQuery.MAX_LIMIT + " are returned), not " + limit);
        }
        return limit;
    }

    /** {@code cursor}: absent for the first page, else a cursor this service handed out in {@code next}. */
    public static ItemCursor cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        return ItemCursor.decode(cursor)
                .orElseThrow(() -> new ServerWebInputException(
                        "cursor is not one this service made (take it from a response's next link): " + cursor));
    }

    /** {@code since}: ISO-8601 with an offset or Z, between the years 1 and 9999. */
    public static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant since;
        try {
            since = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notOffset) {
            throw new ServerWebInputException(
                    "since must be ISO-8601 with an offset, e.g. 2023-09-09T00:00:00+08:00, not " + text);
        }
        if (since.isBefore(EARLIEST) || since.isAfter(LATEST)) {
            throw new ServerWebInputException("since must be between the years 1 and 9999, not " + text);
        }
        return since;
    }

    /** An SSE event id ({@code Last-Event-ID} or {@code lastEventId}): absent, or a number of 0 or more. */
    public static Long eventId(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ServerWebInputException(name + " must be an event id, a number of 0 or more, not " + text);
    }
}
