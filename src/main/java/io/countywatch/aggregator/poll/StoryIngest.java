package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.store.items.StoryRepository;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dedupe step of a poll: hands a poll's items to the store in batches. The store locks, loads the neighbours
 * and applies what the dedupe planner decides; the preview asks the same store and planner, without the writes.
 */
@Component
class StoryIngest {

    // Each item brings about nine advisory locks; 32 items keep a batch far below PostgreSQL's lock table size.
    static final int BATCH = 32;

    private final StoryRepository stories;

    StoryIngest(StoryRepository stories) {
        this.stories = stories;
    }

    /** Stores a poll's items in transactions of at most {@value #BATCH} items; outcomes in item order. */
    Mono<List<StoreOutcome>> storeAll(List<NewItem> newItems) {
        return Flux.range(0, (newItems.size() + BATCH - 1) / BATCH)
                .concatMap(b ->
                        stories.storeAll(newItems.subList(b * BATCH, Math.min(newItems.size(), (b + 1) * BATCH))))
                .concatMapIterable(outcomes -> outcomes)
                .collectList();
    }

    /** What {@link #storeAll} would decide for the items now, in the same batches, without storing them. */
    Mono<List<PreviewDecision>> decideAll(List<NewItem> newItems) {
        return Flux.range(0, (newItems.size() + BATCH - 1) / BATCH)
                .concatMap(b -> {
                    List<NewItem> batch = newItems.subList(b * BATCH, Math.min(newItems.size(), (b + 1) * BATCH));
                    return stories.plan(batch)
                            .map(plan -> IntStream.range(0, batch.size())
                                    .mapToObj(i -> PreviewDecision.of(
                                            batch.get(i).item().url(),
                                            plan.decisions().get(i),
                                            seq -> plan.itemIds().getOrDefault(seq, "")))
                                    .toList());
                })
                .concatMapIterable(decisions -> decisions)
                .collectList();
    }
}
