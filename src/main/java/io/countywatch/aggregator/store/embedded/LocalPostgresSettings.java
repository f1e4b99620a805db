package io.countywatch.aggregator.store.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to run the bundled PostgreSQL: the data directory, the TCP port (0 picks a free one) and the
 * database the service uses.
 */
public record LocalPostgresSettings(Path dataDir, int port, String database) {

    /** The database the service uses unless told otherwise. */
    public static final String DEFAULT_DATABASE = "aggregator";

    // Names go into URLs and SQL identifiers; keeping them plain means neither needs escaping.
    static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public LocalPostgresSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535, was " + port);
        }
        requirePlainName(database);
    }

    /** Settings with a free port and the default database. */
    public LocalPostgresSettings(Path dataDir) {
        this(dataDir, 0, DEFAULT_DATABASE);
    }

    static String requirePlainName(String database) {
        if (database == null || !PLAIN_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database name must be letters, digits and _ (at most 63, not starting with a digit), was "
                            + database);
        }
        return database;
    }
}
