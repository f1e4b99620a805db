package io.countywatch.aggregator.db;

import io.r2dbc.spi.ConnectionFactoryOptions;

/** Derives the JDBC URL Flyway needs from the R2DBC settings, so the database is configured once. */
final class JdbcUrls {

    private JdbcUrls() {}

    static String fromR2dbc(ConnectionFactoryOptions options) {
        Object host = options.getValue(ConnectionFactoryOptions.HOST);
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
        return "jdbc:postgresql://" + host + ":" + (port == null ? 5432 : port) + "/"
                + (database == null ? "" : database);
    }
}
