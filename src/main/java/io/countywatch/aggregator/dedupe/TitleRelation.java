package io.countywatch.aggregator.dedupe;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether two different titles can name one story: after site prefixes and suffixes are stripped and the text
 * normalized, one contains the other, or they share at least half of their character bigrams (a repost that
 * rewords a few characters). Unknown titles are not held against a match.
 */
final class TitleRelation {

    static final double MIN_BIGRAM_DICE = 0.5;

    private TitleRelation() {}

    static boolean related(String left, String right) {
        if (left == null || right == null) {
            return true;
        }
        String a = normalized(left);
        String b = normalized(right);
        if (a.isEmpty() || b.isEmpty() || a.contains(b) || b.contains(a)) {
            return true;
        }
        return dice(bigrams(a), bigrams(b)) >= MIN_BIGRAM_DICE;
    }

    private static String normalized(String title) {
        return TextNormalizer.normalize(TitleAffixes.strip(TextNormalizer.nfkc(title)));
    }

    private static Set<String> bigrams(String text) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 <= text.length(); i++) {
            out.add(text.substring(i, i + 2));
        }
        return out;
    }

    private static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String gram : a) {
            if (b.contains(gram)) {
                shared++;
            }
        }
        return 2.0 * shared / (a.size() + b.size());
    }
}
