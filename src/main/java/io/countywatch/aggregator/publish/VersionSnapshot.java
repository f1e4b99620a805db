package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.store.items.SourceVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feed versions of every scope at one moment, derived from the per-source versions. A tag's or the whole
 * site's token is the largest version among its sources plus their count: versions come from one sequence, so
 * any change to a member raises the largest, and a source joining or leaving changes the count.
 */
record VersionSnapshot(Map<String, Long> sources, Map<String, String> tags, String all, long newest) {

    static VersionSnapshot of(List<SourceVersion> versions) {
        Map<String, Long> sources = new HashMap<>();
        Map<String, long[]> tagStats = new HashMap<>();
        long newest = 0;
        for (SourceVersion v : versions) {
            sources.put(v.sourceId(), v.version());
            newest = Math.max(newest, v.version());
            for (String tag : v.tags()) {
                long[] stats = tagStats.computeIfAbsent(tag, t -> new long[2]);
                stats[0] = Math.max(stats[0], v.version());
                stats[1]++;
            }
        }
        Map<String, String> tags = new HashMap<>();
        tagStats.forEach((tag, stats) -> tags.put(tag, "t" + stats[0] + "/" + stats[1]));
        return new VersionSnapshot(Map.copyOf(sources), Map.copyOf(tags), "a" + newest + "/" + versions.size(), newest);
    }

    /** The version token of a scope, or null for a source or tag this snapshot does not know. */
    String token(FeedScope scope) {
        if (scope.sourceId() != null) {
            Long version = sources.get(scope.sourceId());
            return version == null ? null : "s" + version;
        }
        if (scope.tag() != null) {
            return tags.get(scope.tag());
        }
        return all;
    }

    boolean hasTag(String tag) {
        return tags.containsKey(tag);
    }
}
