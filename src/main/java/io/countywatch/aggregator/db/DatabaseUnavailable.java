package io.countywatch.aggregator.db;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Tells a failure that means "the database cannot be reached right now" (down, restarting, refusing connections,
 * connection lost, no connection from the pool in time) from every other failure, so the web layer can answer 503
 * with Retry-After and the feeds can fall back to what they rendered before.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTransientResourceException
                    || t instanceof ConnectException
                    || t instanceof ClosedChannelException
                    || connectionState(t)
                    // reactor-pool's, when no connection came in maxAcquireTime (the server does not answer)
                    || t.getClass().getName().equals("reactor.pool.PoolAcquireTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    // SQLSTATE class 08 (connection exception) and 57P01-57P05 (shutdown, crash, cannot connect now)
    private static boolean connectionState(Throwable t) {
        String state = t instanceof R2dbcException r2dbc ? r2dbc.getSqlState() : null;
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
