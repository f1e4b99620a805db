package io.countywatch.aggregator.web.api;

import io.countywatch.aggregator.store.sources.ExtractionHealth;

/** What a poll or preview saw of a source's pages: rows found, rows dated, titles cut, detail pages failed. */
record HealthJson(int found, int dated, int titlesCut, int detailFailures) {

    /** Null for null: a source not polled yet has no health. */
    public static HealthJson of(ExtractionHealth health) {
        return health == null
                ? null
                : new HealthJson(health.found(), health.dated(), health.titlesCut(), health.detailFailures());
    }
}
