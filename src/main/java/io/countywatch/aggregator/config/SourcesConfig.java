package io.countywatch.aggregator.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One valid reading of the sources file: every source, in file order, with defaults already applied.
 *
 * @param file the absolute path the sources were read from
 */
public record SourcesConfig(Path file, List<SourceDefinition> sources) {

    public SourcesConfig {
        sources = List.copyOf(sources);
    }

    /** The source with this id, if the file defines one. */
    public Optional<SourceDefinition> find(String id) {
        return sources.stream().filter(source -> source.id().equals(id)).findFirst();
    }
}
