package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.dedupe.Decision;
import java.util.Locale;

/**
 * What storing one previewed item would do: {@code new}, {@code same} (as item {@code itemId}, because of
 * {@code reason}: url, guid, alias, fingerprint, near_duplicate with its SimHash {@code distance}, summary or
 * title_and_date) or {@code update} (of item {@code itemId}, for {@code reason}).
 */
public record PreviewDecision(String url, String decision, String itemId, String reason, Integer distance) {

    /** @param itemIds the public id of each stored row a decision may name */
    static PreviewDecision of(String url, Decision decision, java.util.function.LongFunction<String> itemIds) {
        if (decision instanceof Decision.Merge merge) {
            return same(url, itemIds.apply(merge.ref()), merge.reason(), merge.distance());
        }
        if (decision instanceof Decision.Unchanged same) {
            return same(url, itemIds.apply(same.ref()), same.reason(), same.distance());
        }
        if (decision instanceof Decision.Update update) {
            return new PreviewDecision(
                    url,
                    "update",
                    itemIds.apply(update.ref()),
                    update.reason().name().toLowerCase(Locale.ROOT),
                    null);
        }
        return new PreviewDecision(url, "new", null, null, null);
    }

    private static PreviewDecision same(String url, String itemId, Decision.Reason reason, int distance) {
        return new PreviewDecision(
                url,
                "same",
                itemId,
                reason.name().toLowerCase(Locale.ROOT),
                reason == Decision.Reason.NEAR_DUPLICATE ? distance : null);
    }

    /** True when the decision names a stored item (the story is stored already). */
    boolean stored() {
        return !decision.equals("new");
    }
}
