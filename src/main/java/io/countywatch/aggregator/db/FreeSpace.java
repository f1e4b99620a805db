package io.countywatch.aggregator.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes still usable on the file system holding a folder; a seam so health can be tested at any fill level. */
@FunctionalInterface
interface FreeSpace {

    long usableBytes(Path folder) throws IOException;

    /** The file system's own answer. */
    FreeSpace OF_FILE_SYSTEM = folder -> Files.getFileStore(folder).getUsableSpace();
}
