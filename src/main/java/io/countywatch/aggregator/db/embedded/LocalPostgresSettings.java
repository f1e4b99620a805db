package io.countywatch.aggregator.db.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to run the bundled PostgreSQL: the data directory, the TCP port (0 picks a free one), the
 * database the service uses, and its shared buffers ({@value #AUTO}: an eighth of the memory, 128 MB to 1 GB; or a
 * PostgreSQL size such as {@code 2GB}).
 */
public record LocalPostgresSettings(Path dataDir, int port, String database, String sharedBuffers) {

    /** Shared buffers sized to the machine. */
    public static final String AUTO = "auto";

    /** The database the service uses unless told otherwise. */
    public static final String DEFAULT_DATABASE = "aggregator";

    // Names go into URLs and SQL identifiers; keeping them plain means neither needs escaping.
    static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    // a size in PostgreSQL's units; it goes onto the server's command line, so nothing else may pass
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,8}(kB|MB|GB|TB)");

    public LocalPostgresSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535, was " + port);
        }
        requirePlainName(database);
        if (sharedBuffers == null || sharedBuffers.isBlank()) {
            sharedBuffers = AUTO;
        }
        if (!sharedBuffers.equals(AUTO) && !SIZE.matcher(sharedBuffers).matches()) {
            throw new IllegalArgumentException("shared buffers (aggregator.db.embedded.shared-buffers) must be '" + AUTO
                    + "' or a size with a unit such as 512MB or 2GB (kB, MB, GB, TB), was " + sharedBuffers);
        }
    }

    /** Shared buffers sized to the machine. */
    public LocalPostgresSettings(Path dataDir, int port, String database) {
        this(dataDir, port, database, AUTO);
    }

    /** Settings with a free port, the default database and shared buffers sized to the machine. */
    public LocalPostgresSettings(Path dataDir) {
        this(dataDir, 0, DEFAULT_DATABASE);
    }

    /** The {@code shared_buffers} the server starts with. */
    String resolvedSharedBuffers() {
        return sharedBuffers.equals(AUTO) ? ServerTuning.autoSharedBuffers() : sharedBuffers;
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
