package io.countywatch.aggregator.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The sources file is invalid. Carries every problem found, so an admin can fix them all in one edit;
 * the message lists them one per line.
 */
class SourcesFileException extends RuntimeException {

    private final List<ConfigError> errors;

    public SourcesFileException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
