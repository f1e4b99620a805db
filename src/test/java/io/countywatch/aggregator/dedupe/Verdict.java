package io.countywatch.aggregator.dedupe;

import java.util.List;

/**
 * A planner decision as the rule tests read it: new, the same story as item {@code itemSeq} (merged or unchanged,
 * whatever fields it adds), or an update of it. Decisions come from the real {@link DedupePlanner}.
 */
sealed interface Verdict {

    record New() implements Verdict {}

    record SameAs(long itemSeq, String itemId, Decision.Reason reason, int distance) implements Verdict {}

    record UpdateOf(long itemSeq, String itemId) implements Verdict {}

    static Verdict classify(Candidate candidate, List<Neighbour> neighbours) {
        Decision decision =
                DedupePlanner.plan(List.of(candidate), List.of(neighbours)).get(0);
        if (decision instanceof Decision.Merge m) {
            return new SameAs(m.ref(), id(m.ref(), neighbours), m.reason(), m.distance());
        }
        if (decision instanceof Decision.Unchanged u) {
            return new SameAs(u.ref(), id(u.ref(), neighbours), u.reason(), u.distance());
        }
        if (decision instanceof Decision.Update u) {
            return new UpdateOf(u.ref(), id(u.ref(), neighbours));
        }
        return new New();
    }

    private static String id(long seq, List<Neighbour> neighbours) {
        return neighbours.stream()
                .filter(n -> n.seq() == seq)
                .map(Neighbour::id)
                .findFirst()
                .orElse("");
    }
}
