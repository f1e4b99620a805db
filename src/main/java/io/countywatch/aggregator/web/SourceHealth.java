package io.countywatch.aggregator.web;

import io.countywatch.aggregator.store.SourceState;

/** One word for a source's state, for people: new, ok, empty (answers but yields no items), failing, removed. */
final class SourceHealth {

    private SourceHealth() {}

    static String of(SourceState state) {
        if (!state.active()) {
            return "removed";
        }
        if (state.lastPollAt() == null) {
            return "new";
        }
        if (state.consecutiveFailures() > 0) {
            return "failing";
        }
        if (state.lastItemsFound() != null && state.lastItemsFound() == 0) {
            return "empty";
        }
        return "ok";
    }
}
