package io.countywatch.aggregator.db.embedded;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server settings the embedded PostgreSQL starts with, chosen for a write-heavy aggregator (docs/dedupe.md
 * says how to set the same on an external server). Tests and benchmarks start the same launcher, so they
 * measure what the service runs.
 */
final class ServerTuning {

    static final long MB = 1024L * 1024;
    static final long MIN_SHARED_BUFFERS = 128 * MB;
    static final long MAX_SHARED_BUFFERS = 1024 * MB;

    private ServerTuning() {}

    /** The settings, with {@code shared_buffers} as given (a PostgreSQL size such as {@code 2GB}). */
    static Map<String, String> settings(String sharedBuffers) {
        Map<String, String> out = new LinkedHashMap<>();
        // pg_stat_statements: per-statement costs for operators (SELECT * FROM pg_stat_statements after CREATE
        // EXTENSION); ~1 % CPU. pg_prewarm: its autoprewarm worker saves the list of cached pages (at shutdown and
        // every 5 minutes, to autoprewarm.blocks) and reads them back in the background after a start, so a restart
        // does not cost the dedupe ingest a third of its speed until the buffers have filled again
        // (docs/benchmarks/dedupe.md: 1,250-1,800 items/s with cold buffers, ~2,500 warm, at a million items).
        out.put("shared_preload_libraries", "pg_stat_statements,pg_prewarm");
        out.put("shared_buffers", sharedBuffers);
        // Fewer checkpoints: after each one, the first change of every page writes the whole page to WAL again
        // (full-page images); with the default 1 GB a bulk ingest checkpoints every minute or so.
        out.put("max_wal_size", "4GB");
        out.put("checkpoint_timeout", "15min");
        out.put("checkpoint_completion_target", "0.9");
        return out;
    }

    /**
     * An eighth of the machine's memory (of the container's, where it is limited), at least 128 MB and at most 1 GB:
     * the service shares its machine (the JVM, other services), so not PostgreSQL's quarter for a dedicated server.
     * At 200,000 stored items 512 MB of buffers kept the dedupe ingest at 2,299 items/s (C = 8), above its 2,000 target
     * (docs/benchmarks/dedupe.md, 14:50 run). At a million items the lookups read at random from a 2.6 GB table: with
     * 1 GB and the machine otherwise idle the ingest ran at 2,095-2,442 items/s once the buffers were warm (BENCHMARKS.md,
     * 2026-12-03; 1,375-1,550 in three rounds from cold on the code of 2026-11-29), with 6 GB at a median 2,585. Shared memory is used only as
     * pages are read, so a small database (a test's) costs no more.
     */
    static String autoSharedBuffers() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return sharedBuffersFor(os.getTotalMemorySize());
    }

    static String sharedBuffersFor(long totalMemoryBytes) {
        long eighth = Math.max(MIN_SHARED_BUFFERS, Math.min(MAX_SHARED_BUFFERS, totalMemoryBytes / 8));
        return (eighth / MB) + "MB";
    }
}
