package io.countywatch.aggregator.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Suggests the valid key an admin most likely meant when they typed an unknown one. */
final class NearestKey {

    private NearestKey() {}

    /**
     * The candidate closest by edit distance, if it is close enough to be a plausible typo. Two edits are
     * allowed so a swapped pair ("itme") still finds its key, a third of the length for long keys, but only
     * one for keys of up to 3 letters, so "foo" suggests nothing rather than "url".
     */
    static Optional<String> among(Collection<String> candidates, String typed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        int allowed = lower.length() <= 3 ? 1 : Math.min(3, Math.max(2, lower.length() / 3));
        return candidates.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(lower, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(lower, candidate) <= allowed);
    }

    /** Levenshtein distance with two rolling rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
