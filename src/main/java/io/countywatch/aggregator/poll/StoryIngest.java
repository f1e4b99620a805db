package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.dedupe.DuplicateDetector;
import io.countywatch.aggregator.dedupe.TextPrints;
import io.countywatch.aggregator.dedupe.Verdict;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import io.countywatch.aggregator.store.NewItem;
import io.countywatch.aggregator.store.Placement;
import io.countywatch.aggregator.store.StoreOutcome;
import io.countywatch.aggregator.store.StoryRepository;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The dedupe step of a poll: prints each extracted item, asks the store for its neighbours and lets the
 * {@link DuplicateDetector} decide whether it is new, the same story as a stored item, or an update of one.
 */
@Component
class StoryIngest {

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
        return stories.store(newItem, print, neighbours -> placement(candidate, detector.classify(candidate, neighbours), neighbours));
    }

    /** What {@link #store} would do with the item now, without storing it. */
    Mono<Verdict> decide(String sourceId, ExtractedItem item) {
        TextPrint print = TextPrints.of(item);
        var candidate = new DuplicateDetector.Candidate(sourceId, item.url(), item.guid(), print);
        return stories.findNeighbours(sourceId, item, print).map(neighbours -> detector.classify(candidate, neighbours));
    }

    static Placement placement(DuplicateDetector.Candidate candidate, Verdict verdict, List<KnownItem> neighbours) {
        if (verdict instanceof Verdict.UpdateOf update) {
            return new Placement.Refresh(update.itemSeq());
        }
        if (verdict instanceof Verdict.SameAs same) {
            boolean ownRow = neighbours.stream().anyMatch(known -> known.seq() == same.itemSeq()
                    && !known.alsoAt()
                    && known.sourceId().equals(candidate.sourceId())
                    && (known.url().equals(candidate.url())
                            || (candidate.guid() != null && candidate.guid().equals(known.guid()))));
            // the item's own row may still differ in raw text (markup, spacing): let the store compare hashes
            return ownRow ? new Placement.Refresh(same.itemSeq()) : new Placement.AlsoAt(same.itemSeq());
        }
        return new Placement.Insert();
    }
}
