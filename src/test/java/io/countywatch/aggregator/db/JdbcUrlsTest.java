package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flyway's JDBC URL says what the R2DBC URL says, options included, so both connect the same way. */
class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            r2dbc:postgresql://db.example:5433/aggregator                  | jdbc:postgresql://db.example:5433/aggregator
            r2dbc:postgresql://db.example/aggregator                       | jdbc:postgresql://db.example:5432/aggregator
            r2dbc:postgresql://db.example/aggregator?sslmode=require       | jdbc:postgresql://db.example:5432/aggregator?sslmode=require
            r2dbc:postgresql://db.example/aggregator?sslMode=verify-full   | jdbc:postgresql://db.example:5432/aggregator?sslmode=verify-full
            r2dbc:pool:postgresql://u:p@db.example/agg?sslMode=require&sslRootCert=%2Fetc%2Fca.pem&schema=news | jdbc:postgresql://db.example:5432/agg?sslmode=require&sslrootcert=%2Fetc%2Fca.pem&currentSchema=news
            r2dbc:postgresql://db.example/aggregator?connectTimeout=PT5S&  | jdbc:postgresql://db.example:5432/aggregator?connectTimeout=PT5S
            """)
    void keepsHostPortDatabaseAndEveryOption(String r2dbc, String jdbc) {
        assertThat(JdbcUrls.fromR2dbc(r2dbc)).isEqualTo(jdbc);
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://db.example:5432/agg?sslpassword=secret, jdbc:postgresql://db.example:5432/agg",
        "jdbc:postgresql://db.example:5432/agg, jdbc:postgresql://db.example:5432/agg"
    })
    void logsTheUrlWithoutItsOptions(String jdbc, String logged) {
        assertThat(JdbcUrls.withoutOptions(jdbc)).isEqualTo(logged);
    }
}
