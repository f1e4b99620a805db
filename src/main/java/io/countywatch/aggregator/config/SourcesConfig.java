package io.countywatch.aggregator.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One valid reading of the sources file: every source, in file order, with defaults already applied.
 *
 * @param file the absolute path the sources were read from
 * @param byId the same sources by id: every poll looks its source up, and a scan of 30,000 sources per poll was the
 *     steady round's largest CPU cost
 */
public record SourcesConfig(Path file, List<SourceDefinition> sources, Map<String, SourceDefinition> byId) {

    public SourcesConfig(Path file, List<SourceDefinition> sources) {
        this(file, List.copyOf(sources), index(sources));
    }

    private static Map<String, SourceDefinition> index(List<SourceDefinition> sources) {
        Map<String, SourceDefinition> byId = new LinkedHashMap<>();
        // the first of a repeated id wins, as a scan in file order did (the loader rejects repeated ids anyway)
        sources.forEach(source -> byId.putIfAbsent(source.id(), source));
        return Map.copyOf(byId);
    }

    /** The source with this id, if the file defines one. */
    public Optional<SourceDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
