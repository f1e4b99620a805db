package io.countywatch.aggregator.web;

import io.countywatch.aggregator.store.SourceState;

/**
 * One word for a source's state, for people: new, ok, empty (answers but yields no items), failing, dead (failing
 * for so long that it is tried only rarely), removed.
 */
final class SourceHealth {

    private SourceHealth() {}

    static String of(SourceState state) {
        if (!state.active()) {
            return "removed";
        }
        if (state.lastPollAt() == null) {
            return "new";
        }
        if (state.dead()) {
            return "dead";
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
