package io.countywatch.aggregator.web;

import io.countywatch.aggregator.store.sources.SourceState;

/**
 * One word for a source's state, for people: new, ok, empty (answers but yields no items), unhealthy (items but
 * no dates, or detail pages failing: the selectors or the site changed), failing, dead (failing for so long that
 * it is tried only rarely), removed.
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
        if (state.health() != null && !state.health().problems().isEmpty()) {
            return "unhealthy";
        }
        return "ok";
    }

    static java.util.List<String> problems(SourceState state) {
        if (state.health() != null) {
            return state.health().problems();
        }
        return state.lastItemsFound() != null && state.lastItemsFound() == 0
                ? java.util.List.of("0 items")
                : java.util.List.of();
    }
}
