package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Computes an item's {@link TextPrint}: the body is the content (else the summary) as plain text, without
 * boilerplate lines, normalized; the title loses republishers' prefixes and suffixes.
 */
final class TextPrints {

    /**
     * Below this many normalized characters a body is too short for SimHash to mean anything, and the item is
     * treated as title-only.
     */
    public static final int MIN_BODY = 40;

    private TextPrints() {}

    public static TextPrint of(ExtractedItem item) {
        String title = TitleAffixes.strip(TextNormalizer.nfkc(item.title() == null ? "" : item.title()));
        String normalizedTitle = TextNormalizer.normalize(title);
        String raw = item.content() != null && !item.content().isBlank()
                ? TextNormalizer.plainText(item.content())
                : item.summary() == null ? "" : item.summary();
        String body = Boilerplate.strip(TextNormalizer.nfkc(raw), normalizedTitle);
        String normalizedBody = TextNormalizer.normalize(body);
        boolean longBody = normalizedBody.length() >= MIN_BODY;
        long simhash = longBody ? SimHash.of(normalizedBody) : 0L;
        long fingerprint =
                longBody ? hash("b", normalizedBody) : hash("t", normalizedTitle + "\u0000" + normalizedBody);
        return new TextPrint(
                fingerprint,
                hash("t", normalizedTitle),
                simhash,
                longBody ? SimHash.bandKeys(simhash) : List.of(),
                normalizedBody.length(),
                normalizedTitle.length(),
                day(item.publishedAt()),
                PeriodTokens.join(PeriodTokens.of(title)),
                PeriodTokens.join(PeriodTokens.of(body)),
                item.title(),
                leads(normalizedBody));
    }

    private static List<Long> leads(String normalizedBody) {
        List<Long> leads = new java.util.ArrayList<>(TextPrint.LEADS);
        for (int n = TextPrint.LEAD; n <= normalizedBody.length() && leads.size() < TextPrint.LEADS; n *= 2) {
            leads.add(hash("l", normalizedBody.substring(0, n)));
        }
        return leads;
    }

    /** True when {@code shorter}'s body is the start of {@code longer}'s: every lead it has, the other has too. */
    static boolean startOf(TextPrint shorter, TextPrint longer) {
        List<Long> a = shorter.leads();
        List<Long> b = longer.leads();
        return !a.isEmpty()
                && shorter.bodyLength() < longer.bodyLength()
                && b.size() >= a.size()
                && b.subList(0, a.size()).equals(a);
    }

    private static Integer day(OffsetDateTime published) {
        return published == null
                ? null
                : published.getYear() * 10000 + published.getMonthValue() * 100 + published.getDayOfMonth();
    }

    // FNV-1a over the UTF-16 units, then a SplitMix finalizer to spread the bits; stable across JVMs and
    // releases, which a stored hash must be.
    static long hash(String kind, String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < kind.length(); i++) {
            h = (h ^ kind.charAt(i)) * 0x100000001b3L;
        }
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return SimHash.mix(h);
    }
}
