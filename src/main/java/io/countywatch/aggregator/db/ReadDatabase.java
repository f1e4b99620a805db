package io.countywatch.aggregator.db;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Where the reads that may lag go: feeds, {@code /api/items}, {@code /api/sources} and the stream's replay. With
 * {@code aggregator.db.read-url} that is a replica behind its own small pool whose sessions are read-only; without,
 * it is the primary's one pool, exactly as if there were no replica. Leases, writes, the neighbour lookups of
 * dedupe, feed versions and LISTEN always use the primary's {@link DatabaseClient}.
 */
public final class ReadDatabase implements AutoCloseable {

    private final DatabaseClient client;
    private final ConnectionPool replicaPool;

    private ReadDatabase(DatabaseClient client, ConnectionPool replicaPool) {
        this.client = client;
        this.replicaPool = replicaPool;
    }

    /** The reads go to the primary, through its pool. */
    public static ReadDatabase primary(DatabaseClient primary) {
        return new ReadDatabase(primary, null);
    }

    /** The reads go to a replica through this pool, which the returned object closes. */
    static ReadDatabase replica(ConnectionPool pool) {
        return new ReadDatabase(DatabaseClient.create(pool), pool);
    }

    public DatabaseClient client() {
        return client;
    }

    /** True when the reads go to a replica, which may be behind the primary by its replication lag. */
    public boolean lags() {
        return replicaPool != null;
    }

    @Override
    public void close() {
        if (replicaPool != null) {
            replicaPool.dispose();
        }
    }
}
