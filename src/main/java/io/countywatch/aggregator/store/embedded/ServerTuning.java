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
        // The default 128 MB holds a fraction of the hot pages at a million items (the ingest read ~4 pages per item
        // from the OS cache at 200,000 items, ~10 at a million with 512 MB); 1 GB holds the b-trees and GIN pages
        // the dedupe lookup and the writes touch. Shared memory is only used as pages are read, so a small
        // database (a test's) costs no more than before.
        out.put("shared_buffers", "1GB");
        // Fewer checkpoints: after each one, the first change of every page writes the whole page to WAL again
        // (full-page images); with the default 1 GB a bulk ingest checkpoints every minute or so.
        out.put("max_wal_size", "4GB");
        out.put("checkpoint_timeout", "15min");
        out.put("checkpoint_completion_target", "0.9");
        return out;
    }
}
