package io.countywatch.aggregator.store.items;

import java.util.Arrays;

/**
 * The keyword index's terms of a text, computed in the JVM so that PostgreSQL does not run a function per row
 * written: every pair of neighbouring characters (code points, lower-cased), as one int, distinct. A pair of BMP
 * characters is its two 16-bit code units side by side, so exact; a pair with a character beyond the BMP keeps
 * only the low 16 bits of it, and may share its int with another pair. That only makes the index narrow less:
 * the query's ILIKE decides. Migration V8's {@code item_bigram_codes(text)} computes the same set in SQL.
 */
final class Bigrams {

    private Bigrams() {}

    /** The terms of an item: its title and summary, as the index and the keyword query both read them. */
    static Integer[] ofItem(String title, String summary) {
        return of(itemText(title, summary));
    }

    /** The text an item's terms come from. */
    static String itemText(String title, String summary) {
        return (title == null ? "" : title) + " " + (summary == null ? "" : summary);
    }

    /** The distinct terms of {@code text}, ascending. */
    static Integer[] of(String text) {
        return Arrays.stream(codes(text)).boxed().toArray(Integer[]::new);
    }

    /** The distinct terms of {@code text}, ascending, unboxed (a batch writes thousands). */
    static int[] codes(String text) {
        int n = text.codePointCount(0, text.length());
        if (n < 2) {
            return new int[0];
        }
        int[] codes = new int[n - 1];
        int previous = Character.toLowerCase(text.codePointAt(0));
        for (int i = Character.charCount(text.codePointAt(0)), k = 0; i < text.length(); k++) {
            int point = text.codePointAt(i);
            int lower = Character.toLowerCase(point);
            codes[k] = (previous & 0xFFFF) << 16 | (lower & 0xFFFF);
            previous = lower;
            i += Character.charCount(point);
        }
        Arrays.sort(codes);
        int distinct = 0;
        for (int i = 0; i < codes.length; i++) {
            if (i == 0 || codes[i] != codes[i - 1]) {
                codes[distinct++] = codes[i];
            }
        }
        return Arrays.copyOf(codes, distinct);
    }
}
