package io.countywatch.aggregator.poll;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well one poll of a corpus page matched its expected items: rows found and expected, rows matched (by URL),
 * dates right and titles exact among the expected rows, and U+FFFD in any title. Scores add up across pages.
 */
record CorpusScore(int expected, int found, int matched, int datesRight, int titlesExact, int mojibake) {

    static final CorpusScore ZERO = new CorpusScore(0, 0, 0, 0, 0, 0);

    static CorpusScore of(List<CorpusCase.Expected> expected, List<EnrichedItem> found) {
        Map<String, EnrichedItem> byUrl = new HashMap<>();
        for (EnrichedItem item : found) {
            byUrl.putIfAbsent(pathAndQuery(item.item().url()), item);
        }
        int matched = 0;
        int dates = 0;
        int titles = 0;
        for (CorpusCase.Expected want : expected) {
            EnrichedItem got = byUrl.get(want.url());
            if (got == null) {
                continue;
            }
            matched++;
            var published = got.item().publishedAt();
            if (published != null && published.toInstant().equals(want.date())) {
                dates++;
            }
            if (got.item().title().equals(want.title())) {
                titles++;
            }
        }
        int mojibake = (int)
                found.stream().filter(i -> i.item().title().contains("\uFFFD")).count();
        return new CorpusScore(expected.size(), found.size(), matched, dates, titles, mojibake);
    }

    static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    CorpusScore plus(CorpusScore o) {
        return new CorpusScore(
                expected + o.expected,
                found + o.found,
                matched + o.matched,
                datesRight + o.datesRight,
                titlesExact + o.titlesExact,
                mojibake + o.mojibake);
    }

    double recall() {
        return expected == 0 ? 1 : matched / (double) expected;
    }

    double precision() {
        return found == 0 ? (expected == 0 ? 1 : 0) : matched / (double) found;
    }

    double dates() {
        return expected == 0 ? 1 : datesRight / (double) expected;
    }

    double titles() {
        return expected == 0 ? 1 : titlesExact / (double) expected;
    }

    boolean perfect() {
        return matched == expected
                && found == expected
                && datesRight == expected
                && titlesExact == expected
                && mojibake == 0;
    }

    String row() {
        return String.format(
                "rows %3d/%-3d found %3d  dates %3d/%-3d titles %3d/%-3d mojibake %d",
                matched, expected, found, datesRight, expected, titlesExact, expected, mojibake);
    }

    String totals() {
        return String.format(
                "recall %.3f  precision %.3f  dates %.3f  titles %.3f  (%d rows expected, %d found)",
                recall(), precision(), dates(), titles(), expected, found);
    }
}
