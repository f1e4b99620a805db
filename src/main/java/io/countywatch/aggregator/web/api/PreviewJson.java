package io.countywatch.aggregator.web.api;

import io.countywatch.aggregator.poll.Preview;
import io.countywatch.aggregator.poll.PreviewDecision;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/sources/{id}/preview} (and {@code --preview=ID}): what polling a source now would extract, without
 * storing it: each item with where its title and date came from, the inferred selectors, the health counts and
 * warnings, what deduplication would do with each item, or the error.
 */
public record PreviewJson(
        String sourceId,
        List<ItemJson> items,
        SelectorsJson inferredSelectors,
        HealthJson health,
        List<String> warnings,
        String error,
        List<DecisionJson> decisions) {

    /** One item as it would be stored; {@code stored}: the story is stored already. */
    public record ItemJson(
            String title,
            String titleFrom,
            String url,
            OffsetDateTime publishedAt,
            boolean dateHasTime,
            String dateFrom,
            String origin,
            String summary,
            boolean stored) {}

    /** {@code new}, {@code same} (as item {@code itemId}, because of {@code reason}) or {@code update}. */
    public record DecisionJson(String url, String decision, String itemId, String reason, Integer distance) {}

    public static PreviewJson of(Preview preview) {
        return new PreviewJson(
                preview.sourceId(),
                preview.items().stream().map(PreviewJson::item).toList(),
                SelectorsJson.of(preview.inferredSelectors()),
                HealthJson.of(preview.health()),
                preview.warnings(),
                preview.error(),
                preview.decisions().stream().map(PreviewJson::decision).toList());
    }

    private static ItemJson item(Preview.Item i) {
        return new ItemJson(
                i.title(),
                i.titleFrom(),
                i.url(),
                i.publishedAt(),
                i.dateHasTime(),
                i.dateFrom(),
                i.origin(),
                i.summary(),
                i.stored());
    }

    private static DecisionJson decision(PreviewDecision d) {
        return new DecisionJson(d.url(), d.decision(), d.itemId(), d.reason(), d.distance());
    }
}
