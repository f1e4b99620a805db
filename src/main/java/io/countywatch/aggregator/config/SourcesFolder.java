package io.countywatch.aggregator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sources folder ({@code aggregator.sources} naming a directory, such as {@code config/sources.d}): its
 * {@code .yml} and {@code .yaml} files, in name order, each a sources file of its own with its own {@code defaults:},
 * so a country's sources can be split by province. Hidden files and editors' backups ({@code .hubei.yml.swp},
 * {@code hubei.yml~}) are not read.
 */
final class SourcesFolder {

    /** More files than any country has provinces and cities together; a bound on one load's work. */
    static final int MAX_FILES = 1_000;

    private SourcesFolder() {}

    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(SourcesFolder::isSourcesFile).sorted().toList();
        }
    }

    private static boolean isSourcesFile(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml")) && Files.isRegularFile(path);
    }
}
