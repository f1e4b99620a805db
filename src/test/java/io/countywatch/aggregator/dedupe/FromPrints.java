package io.countywatch.aggregator.dedupe;

/**
 * Candidates and stored neighbours built straight from a text print, for tables that state prints rather than
 * items. The content hash and keys are derived as the store derives them from an item's print.
 */
final class FromPrints {

    private FromPrints() {}

    // stands for the print's text: equal prints, equal content
    static String printHash(TextPrint print) {
        return print.fingerprint() + ":" + print.titleKey() + ":" + print.title();
    }

    static Candidate candidate(String sourceId, String url, String guid, TextPrint print) {
        return new Candidate(sourceId, url, guid, print, printHash(print), ArticleIds.key(url));
    }

    static Neighbour neighbour(
            long seq, String id, String sourceId, String url, String guid, boolean place, TextPrint print) {
        return new Neighbour(
                seq, id, sourceId, url, guid, place, print, printHash(print), Candidate.storedKeys(print, url));
    }
}
