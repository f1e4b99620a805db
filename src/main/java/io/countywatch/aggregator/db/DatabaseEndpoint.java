package io.countywatch.aggregator.db;

/**
 * How to reach the database, over R2DBC for the service and JDBC for migrations at start-up; closing it stops
 * the embedded server when there is one. {@link #none()} when a read-only process found no database to read.
 */
public record DatabaseEndpoint(String r2dbcUrl, String jdbcUrl, String username, String password, AutoCloseable server)
        implements AutoCloseable {

    /** No database at all: the preview CLI when no service runs on the data directory. */
    public static DatabaseEndpoint none() {
        return new DatabaseEndpoint(null, null, null, null, null);
    }

    /** False for {@link #none()}. */
    public boolean present() {
        return r2dbcUrl != null;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
