package io.countywatch.aggregator.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What re-reading the sources file did: applied a new config, found nothing new, or rejected an invalid file. */
public sealed interface ReloadResult {

    /**
     * The file changed and is valid; {@code config} now runs.
     *
     * @param added ids new in this config, in file order
     * @param removed ids no longer in the file, in their old order
     * @param changed ids whose definition differs in any setting
     */
    record Applied(List<String> added, List<String> removed, List<String> changed) implements ReloadResult {

        public Applied {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        static Applied between(SourcesConfig before, SourcesConfig after) {
            Map<String, SourceDefinition> old = byId(before);
            Map<String, SourceDefinition> now = byId(after);
            return new Applied(
                    after.sources().stream()
                            .map(SourceDefinition::id)
                            .filter(id -> !old.containsKey(id))
                            .toList(),
                    before.sources().stream()
                            .map(SourceDefinition::id)
                            .filter(id -> !now.containsKey(id))
                            .toList(),
                    after.sources().stream()
                            .filter(source -> old.containsKey(source.id()))
                            .filter(source -> !Objects.equals(old.get(source.id()), source))
                            .map(SourceDefinition::id)
                            .toList());
        }

        private static Map<String, SourceDefinition> byId(SourcesConfig config) {
            return config.sources().stream().collect(Collectors.toMap(SourceDefinition::id, Function.identity()));
        }
    }

    /** The file is valid and says what the running config already says. */
    record Unchanged() implements ReloadResult {}

    /** The file is invalid; the running config stays, and these are the reasons. */
    record Rejected(List<ConfigError> errors) implements ReloadResult {

        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
