package io.countywatch.aggregator.dedupe;

import java.util.ArrayList;
import java.util.List;

/**
 * 64-bit SimHash over overlapping three-character shingles of normalized text, and its LSH band keys. Chinese
 * has no spaces, so character shingles stand in for words; three characters keep common two-character words
 * ("工作", "县委") from making every government article look alike.
 */
final class SimHash {

    /**
     * Three bands of 21, 21 and 22 bits: two hashes within distance 2 always share a band (pigeonhole), which
     * covers the detector's distance for different titles (1); equal titles are found by their title key. Four
     * 16-bit bands would reach distance 3 but bring ~60 random neighbours per lookup at a million items; these
     * bring about one.
     */
    public static final int BANDS = 3;

    private static final int[] BAND_START = {0, 21, 42, 64};

    private static final int SHINGLE = 3;

    private SimHash() {}

    /** The SimHash of normalized text; texts shorter than one shingle hash to 0. */
    public static long of(String normalized) {
        if (normalized.length() < SHINGLE) {
            return 0L;
        }
        // A bit of the result is set when more than half of the shingles' hashes have it (a vote of +1 / -1 each);
        // counting the ones without a branch is the same vote, and what the inner loop costs most of.
        int[] ones = new int[64];
        int shingles = normalized.length() - SHINGLE + 1;
        for (int i = 0; i < shingles; i++) {
            long packed = ((long) normalized.charAt(i) << 32)
                    | ((long) normalized.charAt(i + 1) << 16)
                    | normalized.charAt(i + 2);
            long h = mix(packed);
            for (int bit = 0; bit < 64; bit++) {
                ones[bit] += (int) ((h >>> bit) & 1L);
            }
        }
        long hash = 0L;
        for (int bit = 0; bit < 64; bit++) {
            if (2 * ones[bit] > shingles) {
                hash |= 1L << bit;
            }
        }
        return hash;
    }

    /** Number of differing bits. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** One key per band: the band's number in the high bits, its bits of the hash in the low ones. */
    public static List<Long> bandKeys(long simhash) {
        List<Long> keys = new ArrayList<>(BANDS);
        for (int band = 0; band < BANDS; band++) {
            int width = BAND_START[band + 1] - BAND_START[band];
            keys.add(((long) band << 32) | ((simhash >>> BAND_START[band]) & ((1L << width) - 1)));
        }
        return keys;
    }

    // SplitMix64's finalizer: a fast, well-spread 64-bit hash of the packed shingle.
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
