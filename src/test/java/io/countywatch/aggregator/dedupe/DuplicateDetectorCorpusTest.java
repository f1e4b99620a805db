package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Merging quality on the labelled corpus, decided by the real {@link DedupePlanner}. Items arrive in corpus order
 * and are looked up the way the store looks them up ({@link Index}), so the figures include what LSH misses. The
 * same corpus through the real store and its SQL lookup: {@link LabelledCorpusIT}.
 */
class DuplicateDetectorCorpusTest {

    @Test
    void mergesRepostsAndKeepsHardNegativesApart() {
        LabelledCorpus corpus = LabelledCorpus.generate();
        Index index = new Index();
        Map<Long, String> labelOf = new HashMap<>();
        Map<String, TextPrint> firstPrint = new HashMap<>();
        Set<String> seenLabels = new HashSet<>();
        Map<String, int[]> byClass = new java.util.TreeMap<>(); // variant -> {expected, merged right}
        int merges = 0;
        int correct = 0;
        int expected = 0;
        List<String> wrong = new ArrayList<>();
        long seq = 0;
        for (LabelledCorpus.Entry entry : corpus.entries()) {
            Candidate candidate = Candidate.of(entry.sourceId(), entry.item());
            TextPrint print = candidate.print();
            Decision decision = DedupePlanner.plan(List.of(candidate), List.of(index.neighbours(candidate)))
                    .get(0);
            boolean shouldMerge = !seenLabels.add(entry.story());
            expected += shouldMerge ? 1 : 0;
            int[] counts = byClass.computeIfAbsent(entry.variant(), v -> new int[2]);
            counts[0] += shouldMerge ? 1 : 0;
            if (!(decision instanceof Decision.Insert)) {
                long ref = ref(decision);
                merges++;
                boolean right = labelOf.get(ref).equals(entry.story());
                correct += right ? 1 : 0;
                counts[1] += right ? 1 : 0;
                if (!right) {
                    wrong.add("false merge " + entry.variant() + " "
                            + entry.item().title() + " into " + labelOf.get(ref) + " (" + decision + ")");
                }
                if (decision instanceof Decision.Merge) {
                    index.place(ref, candidate);
                }
            } else {
                seq++;
                labelOf.put(seq, entry.story());
                firstPrint.putIfAbsent(entry.story(), print);
                Candidate stored = candidate;
                index.add(new Neighbour(
                        seq,
                        "id" + seq,
                        entry.sourceId(),
                        entry.item().url(),
                        null,
                        false,
                        print,
                        stored.contentHash(),
                        stored.storedKeys().stream().collect(java.util.stream.Collectors.toSet())));
                if (shouldMerge) {
                    TextPrint first = firstPrint.get(entry.story());
                    wrong.add("missed " + entry.variant() + " " + entry.story() + " "
                            + entry.item().title() + " (distance "
                            + SimHash.distance(first.simhash(), print.simhash()) + ", periods " + first.bodyPeriods()
                            + " / "
                            + print.bodyPeriods() + ")");
                }
            }
        }
        double precision = merges == 0 ? 1 : (double) correct / merges;
        double recall = expected == 0 ? 1 : (double) correct / expected;
        System.out.printf(
                "corpus: %d entries, %d stories, %d repost groups; %d merges, %d right, %d expected%n",
                corpus.entries().size(), corpus.stories, corpus.repostGroups, merges, correct, expected);
        System.out.printf("precision %.4f, recall %.4f%n", precision, recall);
        byClass.forEach((variant, c) -> {
            if (c[0] > 0) {
                System.out.printf("  recall %-22s %3d of %3d (%.3f)%n", variant, c[1], c[0], (double) c[1] / c[0]);
            }
        });
        wrong.forEach(w -> System.out.println("  " + w));
        assertThat(corpus.stories).isGreaterThanOrEqualTo(300);
        assertThat(corpus.repostGroups).isGreaterThanOrEqualTo(100);
        assertThat(precision).isEqualTo(1.0);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        for (String overlap : List.of("cross-source-url", "alias", "summary-only", "corrected-title")) {
            assertThat(byClass.get(overlap)[1]).as("recall of %s", overlap).isEqualTo(byClass.get(overlap)[0]);
        }
    }

    private static long ref(Decision decision) {
        if (decision instanceof Decision.Merge m) {
            return m.ref();
        }
        if (decision instanceof Decision.Update u) {
            return u.ref();
        }
        return ((Decision.Unchanged) decision).ref();
    }

    /**
     * The store's lookups (NeighbourQuery), in memory: the same URL in any source or among the places, the exact
     * fingerprint, the title key (newest 20), the lead and article keys, and band keys within the SimHash distance.
     */
    static final class Index {
        private final Map<Long, Neighbour> bySeq = new HashMap<>();
        private final Map<String, List<Neighbour>> byUrl = new HashMap<>();
        private final Map<Long, List<Neighbour>> byFingerprint = new HashMap<>();
        private final Map<Long, List<Neighbour>> byTitle = new HashMap<>();
        private final Map<Long, List<Neighbour>> byKey = new HashMap<>();

        void add(Neighbour item) {
            bySeq.put(item.seq(), item);
            byUrl.computeIfAbsent(item.url(), k -> new ArrayList<>()).add(item);
            byFingerprint
                    .computeIfAbsent(item.print().fingerprint(), k -> new ArrayList<>())
                    .add(item);
            byTitle.computeIfAbsent(item.print().titleKey(), k -> new ArrayList<>())
                    .add(item);
            item.keys()
                    .forEach(b ->
                            byKey.computeIfAbsent(b, k -> new ArrayList<>()).add(item));
        }

        void place(long seq, Candidate at) {
            Neighbour item = bySeq.get(seq);
            byUrl.computeIfAbsent(at.url(), k -> new ArrayList<>())
                    .add(new Neighbour(
                            seq,
                            item.id(),
                            at.sourceId(),
                            at.url(),
                            null,
                            true,
                            item.print(),
                            item.contentHash(),
                            item.keys()));
        }

        List<Neighbour> neighbours(Candidate candidate) {
            TextPrint print = candidate.print();
            Set<Neighbour> out = new LinkedHashSet<>(byUrl.getOrDefault(candidate.url(), List.of()));
            out.addAll(byFingerprint.getOrDefault(print.fingerprint(), List.of()));
            List<Neighbour> sameTitle = byTitle.getOrDefault(print.titleKey(), List.of());
            out.addAll(sameTitle.subList(Math.max(0, sameTitle.size() - 20), sameTitle.size()));
            candidate.exactKeys().forEach(k -> out.addAll(byKey.getOrDefault(k, List.of())));
            print.bandKeys()
                    .forEach(b -> byKey.getOrDefault(b, List.of()).stream()
                            .filter(n -> SimHash.distance(n.print().simhash(), print.simhash())
                                    <= TextPrint.MAX_NEAR_DISTANCE)
                            .forEach(out::add));
            return List.copyOf(out);
        }
    }
}
