package io.countywatch.aggregator.config;

/**
 * One problem found in the sources file, pointing at the line and key an admin has to fix.
 *
 * @param file the file name, e.g. {@code sources.yml}
 * @param line 1-based line number, or 0 when the problem concerns the file as a whole (unreadable)
 * @param key the key path with 0-based list indexes, e.g. {@code sources[2].list.item}; empty when none
 */
public record ConfigError(String file, int line, String key, String message) {

    /** Reads like a compiler message: {@code sources.yml:14 sources[2].list.item: invalid selector "ul >"}. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return key.isEmpty() ? where + ": " + message : where + " " + key + ": " + message;
    }
}
