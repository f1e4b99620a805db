package io.countywatch.aggregator.db;

/**
 * How to reach the database, over R2DBC for the service and JDBC for migrations at start-up; closing it stops
 * the embedded server when there is one.
 */
public record DatabaseEndpoint(String r2dbcUrl, String jdbcUrl, String username, String password, AutoCloseable server)
        implements AutoCloseable {

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
