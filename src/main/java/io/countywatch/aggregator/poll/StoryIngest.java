package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.dedupe.DuplicateDetector;
import io.countywatch.aggregator.dedupe.TextPrints;
import io.countywatch.aggregator.dedupe.Verdict;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.Placement;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.store.items.StoryRepository;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dedupe step of a poll: prints each extracted item, asks the store for its neighbours and lets the
 * {@link DuplicateDetector} decide whether it is new, the same story as a stored item, or an update of one.
 */
@Component
class StoryIngest {

    // Each item brings about seven advisory locks; 32 items keep a batch far below PostgreSQL's lock table size.
    static final int BATCH = 32;

    private final StoryRepository stories;
    private final DuplicateDetector detector = new DuplicateDetector();

    StoryIngest(StoryRepository stories) {
        this.stories = stories;
    }

    /** Stores the item, or adds it to the alsoAt of the story it repeats. */
    Mono<StoreOutcome> store(NewItem newItem) {
        ExtractedItem item = newItem.item();
        TextPrint print = TextPrints.of(item);
        var candidate = new DuplicateDetector.Candidate(newItem.sourceId(), item.url(), item.guid(), print);
        return stories.store(
                newItem,
                print,
                neighbours -> placement(candidate, detector.classify(candidate, neighbours), neighbours));
    }

    /** Stores a poll's items in transactions of at most {@value #BATCH} items; outcomes in item order. */
    Mono<List<StoreOutcome>> storeAll(List<NewItem> newItems) {
        return Flux.range(0, (newItems.size() + BATCH - 1) / BATCH)
                .concatMap(b -> storeBatch(newItems.subList(b * BATCH, Math.min(newItems.size(), (b + 1) * BATCH))))
                .concatMapIterable(outcomes -> outcomes)
                .collectList();
    }

    private Mono<List<StoreOutcome>> storeBatch(List<NewItem> batch) {
        List<TextPrint> prints =
                batch.stream().map(n -> TextPrints.of(n.item())).toList();
        List<DuplicateDetector.Candidate> candidates = IntStream.range(0, batch.size())
                .mapToObj(i -> new DuplicateDetector.Candidate(
                        batch.get(i).sourceId(),
                        batch.get(i).item().url(),
                        batch.get(i).item().guid(),
                        prints.get(i)))
                .toList();
        return stories.storeAll(
                batch,
                prints,
                (i, neighbours) ->
                        placement(candidates.get(i), detector.classify(candidates.get(i), neighbours), neighbours));
    }

    /** What {@link #store} would do with the item now, without storing it. */
    Mono<Verdict> decide(String sourceId, ExtractedItem item) {
        TextPrint print = TextPrints.of(item);
        var candidate = new DuplicateDetector.Candidate(sourceId, item.url(), item.guid(), print);
        return stories.findNeighbours(sourceId, item, print)
                .map(neighbours -> detector.classify(candidate, neighbours));
    }

    static Placement placement(DuplicateDetector.Candidate candidate, Verdict verdict, List<KnownItem> neighbours) {
        if (verdict instanceof Verdict.UpdateOf update) {
            return new Placement.Refresh(update.itemSeq());
        }
        if (verdict instanceof Verdict.SameAs same) {
            boolean ownRow = neighbours.stream()
                    .anyMatch(known -> known.seq() == same.itemSeq()
                            && !known.alsoAt()
                            && known.sourceId().equals(candidate.sourceId())
                            && (known.url().equals(candidate.url())
                                    || (candidate.guid() != null
                                            && candidate.guid().equals(known.guid()))));
            // the item's own row may still differ in raw text (markup, spacing): let the store compare hashes
            return ownRow ? new Placement.Refresh(same.itemSeq()) : new Placement.AlsoAt(same.itemSeq());
        }
        return new Placement.Insert();
    }
}
