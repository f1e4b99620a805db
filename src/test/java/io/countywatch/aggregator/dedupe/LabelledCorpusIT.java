package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.store.items.StoryRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus through the product's own write path: each entry stored by {@link StoryRepository} (locks,
 * the SQL neighbour lookup with its limits and distance filter, the planner, the writes) into the embedded
 * PostgreSQL, as one poll of its source would store it. Precision must stay 1.00.
 */
class LabelledCorpusIT {

    @Test
    void theRealStoreMergesTheCorpusWithoutOneFalseMerge() {
        LabelledCorpus corpus = LabelledCorpus.generate();
        try (StoreDatabase database = StoreDatabase.create("labelled_corpus", 4)) {
            database.sources(corpus.entries().stream()
                    .map(LabelledCorpus.Entry::sourceId)
                    .distinct()
                    .toArray(String[]::new));
            StoryRepository stories = new StoryRepository(database.db(), database.pool());
            Map<Long, String> labelOf = new HashMap<>();
            Set<String> seen = new HashSet<>();
            Map<String, int[]> byClass = new java.util.TreeMap<>(); // variant -> {expected, merged right}
            List<String> missed = new java.util.ArrayList<>();
            int merges = 0;
            int right = 0;
            int expected = 0;
            Instant now = Instant.parse("2026-12-01T00:00:00Z");
            for (LabelledCorpus.Entry entry : corpus.entries()) {
                boolean shouldMerge = !seen.add(entry.story());
                expected += shouldMerge ? 1 : 0;
                int[] counts = byClass.computeIfAbsent(entry.variant(), v -> new int[2]);
                counts[0] += shouldMerge ? 1 : 0;
                StoreOutcome outcome = stories.storeAll(
                                List.of(new NewItem(entry.sourceId(), entry.item(), DateOrigin.SOURCE, now, null)))
                        .block(Duration.ofSeconds(30))
                        .get(0);
                if (outcome instanceof StoreOutcome.Inserted) {
                    labelOf.put(outcome.seq(), entry.story());
                    if (shouldMerge) {
                        missed.add(entry.variant() + " " + entry.story() + " "
                                + entry.item().title() + " " + entry.item().url());
                    }
                } else {
                    merges++;
                    boolean ok = labelOf.get(outcome.seq()).equals(entry.story());
                    right += ok ? 1 : 0;
                    counts[1] += ok ? 1 : 0;
                }
            }
            System.out.printf(
                    "corpus through the store: %d entries, %d merges, %d right, %d expected; precision %.4f, recall %.4f%n",
                    corpus.entries().size(),
                    merges,
                    right,
                    expected,
                    (double) right / merges,
                    (double) right / expected);
            byClass.forEach((variant, c) -> {
                if (c[0] > 0) {
                    System.out.printf("  recall %-22s %3d of %3d (%.3f)%n", variant, c[1], c[0], (double) c[1] / c[0]);
                }
            });
            missed.forEach(m -> System.out.println("  missed " + m));
            assertThat(right).as("precision: every merge right").isEqualTo(merges);
            // 0.968 before former titles were kept as lookup keys (docs/dedupe.md)
            assertThat((double) right / expected).as("recall").isGreaterThanOrEqualTo(0.99);
        }
    }
}
