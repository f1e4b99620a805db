package io.countywatch.aggregator.store.sources;

import java.util.List;

/**
 * Sources changed after a change number, and the newest change number among them: the next question's
 * {@code since} (ask from an older one than the newest seen, since a number is taken before its statement commits).
 */
public record SourceStates(long version, List<SourceState> sources) {

    public SourceStates {
        sources = List.copyOf(sources);
    }
}
