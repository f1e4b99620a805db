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

    /**
     * Why the source is not "ok", in words: the last poll's failure for a failing or dead source ("failing 3 times
     * since 2023-09-20T12:00+08:00: HTTP 503"), else what its last successful poll saw ("0 items", "no dates", "2
     * detail pages failed").
     */
    static java.util.List<String> problems(SourceState state) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (state.active() && state.consecutiveFailures() > 0) {
            StringBuilder failing = new StringBuilder(state.dead() ? "dead, " : "")
                    .append("failing ")
                    .append(state.consecutiveFailures())
                    .append(state.consecutiveFailures() == 1 ? " time" : " times");
            if (state.failingSince() != null) {
                failing.append(" since ").append(state.failingSince());
            }
            if (state.lastError() != null && !state.lastError().isBlank()) {
                failing.append(": ").append(state.lastError());
            } else if (state.lastStatus() != null && state.lastStatus() > 0) {
                failing.append(": HTTP ").append(state.lastStatus());
            }
            problems.add(failing.toString());
        }
        if (state.health() != null) {
            problems.addAll(state.health().problems());
        } else if (state.lastItemsFound() != null && state.lastItemsFound() == 0) {
            problems.add("0 items");
        }
        return java.util.List.copyOf(problems);
    }
}
