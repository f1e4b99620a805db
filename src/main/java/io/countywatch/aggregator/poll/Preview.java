package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.extract.html.TitleCompletion;
import io.countywatch.aggregator.store.sources.ExtractionHealth;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What polling a source now would extract, without storing it: each item with where its title and date came
 * from, the selectors automatic mode inferred, the health counts and warnings for the admin, or the error.
 */
public record Preview(
        String sourceId,
        List<Item> items,
        ListSelectors inferredSelectors,
        ExtractionHealth health,
        List<String> warnings,
        String error,
        List<PreviewDecision> decisions) {

    public Preview {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
        decisions = List.copyOf(decisions);
    }

    /**
     * One item as it would be stored.
     *
     * @param stored true when the story is stored already: its decision is {@code same} or {@code update}
     * @param dateHasTime false for a date-only value, shown as midnight in the source's zone
     */
    public record Item(
            String title,
            String titleFrom,
            String url,
            OffsetDateTime publishedAt,
            boolean dateHasTime,
            String dateFrom,
            String origin,
            String summary,
            boolean stored) {}

    static Preview failed(String sourceId, String error) {
        return new Preview(sourceId, List.of(), null, null, List.of(), error, List.of());
    }

    /** @param decisions what deduplication would do with each item, in the order of the items */
    static Preview of(
            SourceDefinition source,
            ExtractionNotes notes,
            DetailEnrichment.Enrichment enriched,
            List<PreviewDecision> decisions) {
        List<EnrichedItem> found = enriched.items();
        List<Item> items = java.util.stream.IntStream.range(0, found.size())
                .mapToObj(i -> {
                    EnrichedItem e = found.get(i);
                    return new Item(
                            e.item().title(),
                            e.titleFrom(),
                            e.item().url(),
                            e.item().publishedAt(),
                            e.item().dateHasTime(),
                            e.dateFrom(),
                            e.origin(),
                            e.item().summary(),
                            i < decisions.size() ? decisions.get(i).stored() : e.known());
                })
                .toList();
        List<String> warnings = new ArrayList<>(notes.warnings());
        long stillCut = items.stream()
                .filter(i -> !i.stored() && TitleCompletion.looksCut(i.title()))
                .count();
        if (stillCut > 0) {
            warnings.add(stillCut + " titles look cut"
                    + (source.detail() == null
                            ? " and no detail page is configured (the automatic detail reading did not complete them)"
                            : " and their detail pages did not complete them"));
        }
        enriched.health().problems().stream()
                .filter(p -> warnings.stream().noneMatch(w -> w.startsWith(p)))
                .forEach(warnings::add);
        return new Preview(source.id(), items, notes.inferred(), enriched.health(), warnings, null, decisions);
    }
}
