package io.countywatch.aggregator.publish;

import java.util.Locale;
import java.util.Optional;

/** The three feed formats served, named by the extension of the feed URL ({@code all.rss}, {@code all.atom}, {@code all.json}). */
enum FeedFormat {
    RSS("application/rss+xml; charset=UTF-8"),
    ATOM("application/atom+xml; charset=UTF-8"),
    JSON("application/feed+json; charset=UTF-8");

    private final String contentType;

    FeedFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format for a URL extension ({@code rss}, {@code atom} or {@code json}, any case), or empty for any other. */
    public static Optional<FeedFormat> fromExtension(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "rss" -> Optional.of(RSS);
            case "atom" -> Optional.of(ATOM);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
