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
        // The default 128 MB holds a fraction of the hot index pages at a million items (the ingest read ~4 pages
        // per item from the OS cache); 512 MB holds the b-trees the dedupe lookup and the writes touch.
        out.put("shared_buffers", "512MB");
        // Fewer checkpoints: after each one, the first change of every page writes the whole page to WAL again
        // (full-page images); with the default 1 GB a bulk ingest checkpoints every minute or so.
        out.put("max_wal_size", "4GB");
        out.put("checkpoint_timeout", "15min");
        out.put("checkpoint_completion_target", "0.9");
        return out;
    }
}
