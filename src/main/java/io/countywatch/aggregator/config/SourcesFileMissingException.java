package io.countywatch.aggregator.config;

import java.nio.file.Path;

/**
 * The sources file does not exist where the service looked. Apart from {@link SourcesFileException} because the
 * advice differs: there are no lines to fix, only a path to set (or a file to create).
 */
class SourcesFileMissingException extends RuntimeException {

    private final Path file;

    public SourcesFileMissingException(Path file) {
        super("sources file not found: " + file);
        this.file = file;
    }

    /** The absolute path looked at. */
    public Path file() {
        return file;
    }
}
