package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * The poller's own write path for tests outside this package: items go through the running application's
 * {@link StoryIngest} (text print, neighbours, dedupe decision, one transaction per batch), exactly as a poll
 * stores what it extracted, so that no test writes items in a way production never does.
 */
public final class Ingestion {

    private final StoryIngest ingest;

    private Ingestion(StoryIngest ingest) {
        this.ingest = ingest;
    }

    public static Ingestion of(ApplicationContext context) {
        return new Ingestion(context.getBean(StoryIngest.class));
    }

    /** Stores the items as one poll of their source would, and returns their outcomes in item order. */
    public List<StoreOutcome> storeAll(List<NewItem> items) {
        return ingest.storeAll(items).block(Duration.ofSeconds(30));
    }

    /** Stores one item as a poll that found only this item would. */
    public StoreOutcome store(NewItem item) {
        return storeAll(List.of(item)).get(0);
    }
}
