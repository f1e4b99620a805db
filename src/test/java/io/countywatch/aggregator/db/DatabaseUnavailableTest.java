package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/** Only failures that mean "no database right now" turn into 503; a bad query stays a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainCount() {
        assertThat(DatabaseUnavailable.causedBy(new DataAccessResourceFailureException(
                        "Failed to obtain R2DBC Connection", new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(
                        "wrapped", new R2dbcNonTransientResourceException("Connection unexpectedly closed"))))
                .isTrue();
        // 57P01: the server is shutting down (pg_ctl stop), 08006: connection failure
        assertThat(DatabaseUnavailable.causedBy(new R2dbcBadGrammarException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new R2dbcBadGrammarException("connection failure", "08006")))
                .isTrue();
    }

    @Test
    void otherFailuresDoNot() {
        assertThat(DatabaseUnavailable.causedBy(new R2dbcBadGrammarException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException(
                        "duplicate key", new R2dbcDataIntegrityViolationException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalArgumentException("bad cursor")))
                .isFalse();
    }
}
