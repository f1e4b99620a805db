package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.KnownItem;
import io.countywatch.aggregator.item.TextPrint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The decisions for one batch, all made in the JVM before anything is written, so that the writes can go in a
 * few multi-row statements instead of one per item. A later item of the batch sees the earlier ones it inserts as
 * neighbours; as their rows have no number yet, they are named by a negative placeholder ({@code -(slot + 1)})
 * that {@link #resolve} turns into the row number allocated for that slot.
 *
 * @param actions one per item of the batch, in order
 * @param inserts how many items are new rows (slots 0 … inserts-1)
 * @param hashes each item's content hash, in order (the writes store them)
 */
record BatchPlan(List<Action> actions, int inserts, List<String> hashes) {

    /** What happens to one item of the batch. {@code ref} is a stored row or an insert placeholder. */
    sealed interface Action {}

    /** A new row in insert slot {@code slot}. */
    record Insert(int slot) implements Action {}

    /** Update row {@code ref} in place; its text differs from what is stored. */
    record Refresh(long ref) implements Action {}

    /** Add the item's place to the alsoAt of row {@code ref}. */
    record AlsoAt(long ref) implements Action {}

    /** Nothing to write: row {@code ref} already says all this item says. */
    record Unchanged(long ref) implements Action {}

    static BatchPlan decide(
            List<NewItem> newItems,
            List<TextPrint> prints,
            BiFunction<Integer, List<KnownItem>, Placement> decide,
            List<NeighbourQuery.Found> found) {
        List<List<KnownItem>> byIndex = new ArrayList<>();
        newItems.forEach(n -> byIndex.add(new ArrayList<>()));
        Map<Long, String> hashes = new HashMap<>();
        for (NeighbourQuery.Found f : found) {
            byIndex.get(f.index()).add(f.known());
            hashes.put(f.known().seq(), f.contentHash());
        }
        List<KnownItem> inserted = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<Action> actions = new ArrayList<>();
        List<String> itemHashes = new ArrayList<>();
        for (int i = 0; i < newItems.size(); i++) {
            NewItem newItem = newItems.get(i);
            String hash = ItemRepository.contentHash(newItem.item());
            itemHashes.add(hash);
            List<KnownItem> neighbours = new ArrayList<>(byIndex.get(i));
            neighbours.addAll(inserted);
            Placement placement = decide.apply(i, neighbours);
            if (placement instanceof Placement.Refresh refresh) {
                // the stored hash came with the neighbours: an unchanged item costs no statement
                boolean same = hash.equals(hashes.put(refresh.seq(), hash));
                actions.add(same ? new Unchanged(refresh.seq()) : new Refresh(refresh.seq()));
            } else if (placement instanceof Placement.AlsoAt alsoAt) {
                boolean known = neighbours.stream()
                        .anyMatch(k -> k.alsoAt()
                                && k.seq() == alsoAt.seq()
                                && k.sourceId().equals(newItem.sourceId())
                                && k.url().equals(newItem.item().url()));
                boolean fresh = placed.add(
                        BatchWrites.placeKey(newItem.sourceId(), newItem.item().url()));
                actions.add(known || !fresh ? new Unchanged(alsoAt.seq()) : new AlsoAt(alsoAt.seq()));
            } else {
                int slot = inserted.size();
                long placeholder = -(slot + 1L);
                inserted.add(new KnownItem(
                        placeholder,
                        "",
                        newItem.sourceId(),
                        newItem.item().url(),
                        newItem.item().guid(),
                        false,
                        prints.get(i)));
                hashes.put(placeholder, hash);
                actions.add(new Insert(slot));
            }
        }
        return new BatchPlan(List.copyOf(actions), inserted.size(), List.copyOf(itemHashes));
    }

    /** The row a reference names, given the row numbers allocated to the insert slots. */
    static long resolve(long ref, List<Long> allocated) {
        return ref > 0 ? ref : allocated.get((int) (-ref - 1));
    }
}
