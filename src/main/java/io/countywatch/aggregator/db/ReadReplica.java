package io.countywatch.aggregator.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The replica of {@code aggregator.db.read-url}: its URLs and account (the primary's when no read account is set),
 * and the start-up check that it can be read and holds the service's schema, so that a wrong URL stops the start
 * with a message naming the setting, as a wrong primary URL stops it at the migrations, instead of every feed
 * answering 503 later.
 */
record ReadReplica(String r2dbcUrl, String jdbcUrl, String username, String password) {

    static final String SETTING = "aggregator.db.read-url (AGGREGATOR_DB_READ_URL)";

    static ReadReplica of(DatabaseProperties properties) {
        String url = properties.readUrl().strip();
        String jdbcUrl;
        try {
            jdbcUrl = JdbcUrls.fromR2dbc(url);
        } catch (IllegalArgumentException invalid) {
            throw new ReadReplicaUnusable(
                    SETTING + " is not an r2dbc URL such as r2dbc:postgresql://replica.example:5432/aggregator: "
                            + invalid.getMessage(),
                    invalid);
        }
        return new ReadReplica(
                url,
                jdbcUrl,
                DatabaseConfiguration.firstNonBlank(properties.readUsername(), properties.username()),
                DatabaseConfiguration.firstNonBlank(properties.readPassword(), properties.password()));
    }

    /** Connects once over JDBC (as the migrations do) and reads the item table; throws what went wrong in words. */
    void check() {
        Properties account = new Properties();
        if (username != null) {
            account.setProperty("user", username);
        }
        if (password != null) {
            account.setProperty("password", password);
        }
        account.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, account);
                Statement read = connection.createStatement()) {
            read.execute("SELECT 1 FROM item LIMIT 1");
        } catch (SQLException e) {
            throw new ReadReplicaUnusable(
                    SETTING + ": cannot read the replica at " + JdbcUrls.withoutOptions(jdbcUrl) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "ReadReplica[" + JdbcUrls.withoutOptions(jdbcUrl) + "]"; // the password stays out of logs
    }
}
