package io.countywatch.aggregator.store.items;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * A keyset position in the newest-first order (published time, then row number). Opaque to clients; never an
 * OFFSET, so a page costs the same at any depth.
 */
public record ItemCursor(Instant publishedAt, long seq) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, publishedAt);
        String raw = micros + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Empty for anything that is not a cursor this service made. */
    public static Optional<ItemCursor> decode(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            long seq = Long.parseLong(raw.substring(colon + 1));
            return Optional.of(new ItemCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), seq));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
