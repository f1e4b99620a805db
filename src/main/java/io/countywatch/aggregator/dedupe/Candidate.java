package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.item.ExtractedItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An extracted item about to be stored, as the dedupe rules see it: where it was found, its text print, the
 * hash of its raw text, and the key of its site's article id (0 when its URL has none).
 */
public record Candidate(
        String sourceId, String url, String guid, TextPrint print, String contentHash, long articleKey) {

    public static Candidate of(String sourceId, ExtractedItem item) {
        return new Candidate(
                sourceId, item.url(), item.guid(), TextPrints.of(item), contentHash(item), ArticleIds.key(item.url()));
    }

    /**
     * The keys stored with the item and looked up for a candidate (one GIN index, {@code item.band_keys}): the
     * SimHash bands, the lead key and the article key. They are hashes of different things with different
     * prefixes, so they never stand for one another.
     */
    public List<Long> storedKeys() {
        return List.copyOf(storedKeys(print, url));
    }

    static Set<Long> storedKeys(TextPrint print, String url) {
        Set<Long> keys = new LinkedHashSet<>(print.bandKeys());
        if (print.leadKey() != 0) {
            keys.add(print.leadKey());
        }
        long article = ArticleIds.key(url);
        if (article != 0) {
            keys.add(article);
        }
        return keys;
    }

    /**
     * The keys to look up without a SimHash distance filter: the lead key and the article key; for a candidate
     * without a body, also its title as a former title ({@link #formerTitleKey}): a copy taken before the source
     * corrected its headline still carries the old one.
     */
    public List<Long> exactKeys() {
        List<Long> keys = new ArrayList<>(3);
        if (print.leadKey() != 0) {
            keys.add(print.leadKey());
        }
        if (articleKey != 0) {
            keys.add(articleKey);
        }
        if (print.bodyLength() < TextPrints.MIN_BODY && print.titleKey() != 0) {
            keys.add(formerTitleKey(print.titleKey()));
        }
        return keys;
    }

    /**
     * What an item whose title was replaced keeps of the old one among its lookup keys ({@code item.band_keys}): the
     * old title key, masked so that it never stands for a band, lead or article key, nor for a current title.
     */
    public static long formerTitleKey(long titleKey) {
        return titleKey ^ FORMER_TITLE_MASK;
    }

    /** The mask of {@link #formerTitleKey}, for the store's SQL. */
    public static final long FORMER_TITLE_MASK = 0x5f3759df9e3779b9L;

    /** SHA-256 of title, summary and content: equal hashes mean the source gave the very same text again. */
    public static String contentHash(ExtractedItem item) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {item.title(), item.summary(), item.content()}) {
                digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
