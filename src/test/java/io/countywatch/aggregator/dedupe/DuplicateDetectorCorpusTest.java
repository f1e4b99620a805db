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
 * Merging quality on the labelled corpus. Items arrive in corpus order and are looked up the way the store
 * looks them up (exact fingerprint, title key, SimHash band keys), so the figures include what LSH misses.
 */
class DuplicateDetectorCorpusTest {

    @Test
    void mergesRepostsAndKeepsHardNegativesApart() {
        LabelledCorpus corpus = LabelledCorpus.generate();
        Index index = new Index();
        Map<Long, String> labelOf = new HashMap<>();
        Map<String, TextPrint> firstPrint = new HashMap<>();
        Set<String> seenLabels = new HashSet<>();
        int merges = 0;
        int correct = 0;
        int expected = 0;
        List<String> wrong = new ArrayList<>();
        long seq = 0;
        for (LabelledCorpus.Entry entry : corpus.entries()) {
            TextPrint print = TextPrints.of(entry.item());
            var candidate = Candidate.of(
                    entry.sourceId(), entry.item().url(), entry.item().guid(), print);
            Verdict verdict = Verdict.classify(candidate, index.neighbours(print));
            boolean shouldMerge = !seenLabels.add(entry.story());
            expected += shouldMerge ? 1 : 0;
            if (verdict instanceof Verdict.SameAs same) {
                merges++;
                boolean right = labelOf.get(same.itemSeq()).equals(entry.story());
                correct += right ? 1 : 0;
                if (!right) {
                    wrong.add("false merge " + entry.variant() + " "
                            + entry.item().title() + " into " + labelOf.get(same.itemSeq()) + " (" + same.reason() + " "
                            + same.distance() + ")");
                }
            } else {
                seq++;
                labelOf.put(seq, entry.story());
                firstPrint.putIfAbsent(entry.story(), print);
                index.add(new Neighbour(
                        seq, "id" + seq, entry.sourceId(), entry.item().url(), null, false, print));
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
        wrong.forEach(w -> System.out.println("  " + w));
        assertThat(corpus.stories).isGreaterThanOrEqualTo(300);
        assertThat(corpus.repostGroups).isGreaterThanOrEqualTo(100);
        assertThat(precision).isGreaterThanOrEqualTo(0.99);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    /** The store's lookups, in memory. */
    static final class Index {
        private final Map<Long, List<Neighbour>> byFingerprint = new HashMap<>();
        private final Map<Long, List<Neighbour>> byTitle = new HashMap<>();
        private final Map<Long, List<Neighbour>> byBand = new HashMap<>();

        void add(Neighbour item) {
            byFingerprint
                    .computeIfAbsent(item.print().fingerprint(), k -> new ArrayList<>())
                    .add(item);
            byTitle.computeIfAbsent(item.print().titleKey(), k -> new ArrayList<>())
                    .add(item);
            item.print()
                    .bandKeys()
                    .forEach(b ->
                            byBand.computeIfAbsent(b, k -> new ArrayList<>()).add(item));
        }

        List<Neighbour> neighbours(TextPrint print) {
            Set<Neighbour> out = new LinkedHashSet<>(byFingerprint.getOrDefault(print.fingerprint(), List.of()));
            List<Neighbour> sameTitle = byTitle.getOrDefault(print.titleKey(), List.of());
            out.addAll(sameTitle.subList(Math.max(0, sameTitle.size() - 20), sameTitle.size()));
            print.bandKeys().forEach(b -> out.addAll(byBand.getOrDefault(b, List.of())));
            return List.copyOf(out);
        }
    }
}
