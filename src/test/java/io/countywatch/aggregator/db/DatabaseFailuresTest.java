package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class DatabaseFailuresTest {

    // PostgreSQL's words when a table cannot grow on a full disk, as the drill of issue 18 saw them
    private static final String ENOSPC = "could not extend file \"base/16384/16502\": No space left on device";

    @Test
    void saysDiskFullForPostgresqlsDiskFullWrappedBySpring() {
        var error = new DataAccessResourceFailureException(
                "executeMany; SQL [INSERT INTO item …]; " + ENOSPC,
                new R2dbcNonTransientResourceException(ENOSPC, "53100"));

        assertThat(DatabaseFailures.describe(error))
                .hasValueSatisfying(words -> assertThat(words)
                        .startsWith("database disk full: ")
                        .doesNotContain("DataAccessResourceFailureException"));
    }

    @Test
    void saysDiskFullForAWalWriteWithoutSqlState() {
        assertThat(DatabaseFailures.describe(new IllegalStateException(
                        "could not write to file \"pg_wal/xlogtemp.123\": No space left on device")))
                .hasValueSatisfying(words -> assertThat(words).startsWith("database disk full: "));
    }

    @Test
    void namesOtherResourceShortagesAndUnreachableServers() {
        assertThat(DatabaseFailures.describe(
                        new R2dbcTransientResourceException("sorry, too many clients already", "53300")))
                .contains("database out of resources: sorry, too many clients already");
        assertThat(DatabaseFailures.describe(new RuntimeException(new ConnectException("Connection refused"))))
                .contains("database unreachable: Connection refused");
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(DatabaseFailures.describe(new IllegalArgumentException("bad date")))
                .isEmpty();
    }
}
