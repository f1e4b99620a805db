package io.countywatch.aggregator.db;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Derives the JDBC URL Flyway needs from the R2DBC URL, so the database is configured once: host, port, database
 * and every query option ({@code sslmode}, certificates, schema, ...), so Flyway connects the way R2DBC does (a
 * managed PostgreSQL that requires TLS refuses a connection without {@code sslmode}).
 */
final class JdbcUrls {

    // r2dbc-postgresql names that pgjdbc spells differently; any other option passes through as written.
    private static final Map<String, String> JDBC_NAMES = Map.of(
            "sslMode", "sslmode",
            "sslRootCert", "sslrootcert",
            "sslCert", "sslcert",
            "sslKey", "sslkey",
            "sslPassword", "sslpassword",
            "applicationName", "ApplicationName",
            "schema", "currentSchema");

    private JdbcUrls() {}

    static String fromR2dbc(String r2dbcUrl) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbcUrl);
        Object host = options.getValue(ConnectionFactoryOptions.HOST);
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
        String base = "jdbc:postgresql://" + host + ":" + (port == null ? 5432 : port) + "/"
                + (database == null ? "" : database);
        int query = r2dbcUrl.indexOf('?');
        return query < 0 || query == r2dbcUrl.length() - 1
                ? base
                : base + "?" + jdbcQuery(r2dbcUrl.substring(query + 1));
    }

    /** The URL without its query, for logs: options may hold a key's password. */
    static String withoutOptions(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    // Values stay percent-encoded as they came: both drivers decode them the same way.
    private static String jdbcQuery(String r2dbcQuery) {
        return Arrays.stream(r2dbcQuery.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    return JDBC_NAMES.getOrDefault(name, name) + (eq < 0 ? "" : pair.substring(eq));
                })
                .collect(Collectors.joining("&"));
    }
}
