package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.dedupe.Verdict;

/**
 * What storing one previewed item would do: {@code new}, {@code same} (as item {@code itemId}, because of
 * {@code reason}: url, guid, fingerprint, near_duplicate with its SimHash {@code distance}, or title_and_date)
 * or {@code update} (of item {@code itemId}).
 */
public record PreviewDecision(String url, String decision, String itemId, String reason, Integer distance) {

    static PreviewDecision of(String url, Verdict verdict) {
        if (verdict instanceof Verdict.SameAs same) {
            return new PreviewDecision(
                    url,
                    "same",
                    same.itemId(),
                    same.reason().name().toLowerCase(java.util.Locale.ROOT),
                    same.reason() == Verdict.Reason.NEAR_DUPLICATE ? same.distance() : null);
        }
        if (verdict instanceof Verdict.UpdateOf update) {
            return new PreviewDecision(url, "update", update.itemId(), null, null);
        }
        return new PreviewDecision(url, "new", null, null, null);
    }
}
