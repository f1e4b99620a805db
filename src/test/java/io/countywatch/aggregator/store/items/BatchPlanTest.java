package io.countywatch.aggregator.store.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    static final TextPrint PRINT = new TextPrint(7, 8, 9, List.of(1L), 200, 16, 20230909, "", "");

    @Test
    void laterItemsOfTheBatchNameEarlierInsertsByPlaceholder() {
        List<NewItem> batch = List.of(item("a", "http://a/1.html", "正文"), item("b", "http://b/1.html", "正文"));
        BatchPlan plan = BatchPlan.decide(
                batch,
                List.of(PRINT, PRINT),
                (i, neighbours) -> neighbours.isEmpty()
                        ? new Placement.Insert()
                        : new Placement.AlsoAt(neighbours.get(0).seq()),
                List.of());
        assertThat(plan.inserts()).isEqualTo(1);
        assertThat(plan.actions()).containsExactly(new BatchPlan.Insert(0), new BatchPlan.AlsoAt(-1));
        assertThat(BatchPlan.resolve(-1, List.of(501L))).isEqualTo(501L);
        assertThat(BatchPlan.resolve(42, List.of(501L))).isEqualTo(42L);
    }

    @Test
    void aRefreshWithTheStoredHashWritesNothingAndAChangedOneWritesOnce() {
        NewItem stored = item("a", "http://a/2.html", "旧正文");
        NewItem changed = item("a", "http://a/2.html", "新正文");
        List<NeighbourQuery.Found> found = List.of(
                new NeighbourQuery.Found(0, known(77), ItemRepository.contentHash(stored.item())),
                new NeighbourQuery.Found(1, known(77), ItemRepository.contentHash(stored.item())),
                new NeighbourQuery.Found(2, known(77), ItemRepository.contentHash(stored.item())));
        BatchPlan plan = BatchPlan.decide(
                List.of(stored, changed, changed),
                List.of(PRINT, PRINT, PRINT),
                (i, neighbours) -> new Placement.Refresh(77),
                found);
        assertThat(plan.inserts()).isZero();
        // the third is the second again: after the second's update there is nothing left to change
        assertThat(plan.actions())
                .containsExactly(new BatchPlan.Unchanged(77), new BatchPlan.Refresh(77), new BatchPlan.Unchanged(77));
    }

    @Test
    void onePlaceFoundTwiceInABatchIsRecordedOnce() {
        NewItem repost = item("farm", "http://farm/9.html", "正文");
        BatchPlan plan = BatchPlan.decide(
                List.of(repost, repost), List.of(PRINT, PRINT), (i, neighbours) -> new Placement.AlsoAt(77), List.of());
        assertThat(plan.actions()).containsExactly(new BatchPlan.AlsoAt(77), new BatchPlan.Unchanged(77));
    }

    @Test
    void aPlaceAlreadyInAlsoAtIsUnchanged() {
        NewItem repost = item("farm", "http://farm/9.html", "正文");
        KnownItem place = new KnownItem(77, "u", "farm", "http://farm/9.html", null, true, PRINT);
        BatchPlan plan = BatchPlan.decide(
                List.of(repost),
                List.of(PRINT),
                (i, neighbours) -> new Placement.AlsoAt(77),
                List.of(new NeighbourQuery.Found(0, place, "h")));
        assertThat(plan.actions()).containsExactly(new BatchPlan.Unchanged(77));
    }

    @Test
    void theSameNewItemTwiceInABatchIsInsertedOnce() {
        NewItem fresh = item("a", "http://a/3.html", "正文");
        BatchPlan plan = BatchPlan.decide(
                List.of(fresh, fresh),
                List.of(PRINT, PRINT),
                (i, neighbours) -> neighbours.isEmpty()
                        ? new Placement.Insert()
                        : new Placement.Refresh(neighbours.get(0).seq()),
                List.of());
        assertThat(plan.actions()).containsExactly(new BatchPlan.Insert(0), new BatchPlan.Unchanged(-1));
    }

    private static KnownItem known(long seq) {
        return new KnownItem(seq, "u", "a", "http://a/2.html", null, false, PRINT);
    }

    private static NewItem item(String source, String url, String body) {
        ExtractedItem item = new ExtractedItem(
                null,
                url,
                "平桥区召开安全生产工作会议",
                null,
                "<p>" + body + "</p>",
                OffsetDateTime.parse("2023-09-09T14:17:56+08:00"),
                true);
        return new NewItem(source, item, DateOrigin.SOURCE, Instant.parse("2023-09-09T07:00:00Z"));
    }
}
