package io.countywatch.aggregator.store.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server settings the embedded PostgreSQL starts with, chosen for a write-heavy aggregator (docs/dedupe.md
 * says how to set the same on an external server). Tests and benchmarks start the same launcher, so they
 * measure what the service runs.
 */
final class ServerTuning {

    static final Map<String, String> SETTINGS = settings();

    private ServerTuning() {}

    private static Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        // Per-statement costs for operators (SELECT * FROM pg_stat_statements after CREATE EXTENSION); ~1 % CPU.
        out.put("shared_preload_libraries", "pg_stat_statements");
        return out;
    }
}
