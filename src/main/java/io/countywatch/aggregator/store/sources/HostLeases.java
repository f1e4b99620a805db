package io.countywatch.aggregator.store.sources;

import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Leases for the whole cluster, on the database clock. A politeness key (a site's registrable domain) is held by one
 * instance at a time; the holder leases that key's due sources and polls them under its own per-host and per-domain
 * limits, then releases the key with the spacing it owes, so that the next holder, on any instance, keeps it too.
 * Leases lapse unless renewed, so a dead instance's keys and sources go to the others within one lease time.
 */
@Repository
public class HostLeases {

    private static final String SOURCE_COLUMNS =
            "id, politeness_key, etag, last_modified, consecutive_failures, body_hash, failing_since,"
                    + " current_interval_seconds";

    // The keys with due, unleased sources that no one holds and that owe no spacing, oldest due first. Two
    // instances asking at once may pick the same new key: ON CONFLICT makes the second wait for the first's row and
    // then find it held (the WHERE is evaluated on the committed row), so each key goes to one of them.
    private static final String LEASE_KEYS = """
            INSERT INTO host_lease AS h (politeness_key, lease_owner, lease_until)
            SELECT k.politeness_key, :owner, now() + make_interval(secs => :leaseSeconds)
            FROM (SELECT d.politeness_key
                  FROM (SELECT politeness_key, min(next_poll_at) AS due_since FROM source
                        WHERE active AND next_poll_at <= now() AND (lease_until IS NULL OR lease_until < now())
                        GROUP BY politeness_key) d
                  WHERE NOT EXISTS (SELECT 1 FROM host_lease b WHERE b.politeness_key = d.politeness_key
                                    AND (b.lease_until >= now() OR b.free_at > now()))
                  ORDER BY d.due_since LIMIT :limit) k
            -- in key order, so that two instances leasing at once wait on each other's rows in one order
            ORDER BY k.politeness_key
            ON CONFLICT (politeness_key) DO UPDATE
                SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
                WHERE (h.lease_until IS NULL OR h.lease_until < now()) AND h.free_at <= now()
            RETURNING h.politeness_key""";

    private static final String LEASE_KEY_OF = """
            INSERT INTO host_lease AS h (politeness_key, lease_owner, lease_until)
            SELECT politeness_key, :owner, now() + make_interval(secs => :leaseSeconds) FROM source WHERE id = :id
            ON CONFLICT (politeness_key) DO UPDATE
                SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
                WHERE (h.lease_until IS NULL OR h.lease_until < now()) AND h.free_at <= now()
            RETURNING h.politeness_key""";

    // a key by name, whether or not a source row names it yet (a preview of a source the service has not synced)
    private static final String LEASE_KEY = """
            INSERT INTO host_lease AS h (politeness_key, lease_owner, lease_until)
            VALUES (:key, :owner, now() + make_interval(secs => :leaseSeconds))
            ON CONFLICT (politeness_key) DO UPDATE
                SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
                WHERE (h.lease_until IS NULL OR h.lease_until < now()) AND h.free_at <= now()
            RETURNING h.politeness_key""";

    private static final String LEASE_DUE_OF_KEYS = """
            UPDATE source SET lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id IN (SELECT id FROM source
                         WHERE politeness_key = ANY(:keys) AND active AND next_poll_at <= now()
                             AND (lease_until IS NULL OR lease_until < now())
                         FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + SOURCE_COLUMNS;

    // "poll now": also not when a poll of the source ended after the request came (two instances asked at once)
    private static final String LEASE_ONE = """
            UPDATE source SET lease_owner = :owner, lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id = (SELECT id FROM source WHERE id = :id AND active
                        AND (lease_until IS NULL OR lease_until < now())
                        AND (last_poll_at IS NULL OR last_poll_at < :requested) FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + SOURCE_COLUMNS;

    // One statement for every key and source this instance holds, instead of a timer and an update per poll. A
    // data-modifying WITH runs to completion whether or not the main statement reads it. Rows are locked in key and
    // id order, as the batched outcomes lock them, so that the two never deadlock.
    private static final String RENEW = """
            WITH keys AS (UPDATE host_lease SET lease_until = now() + make_interval(secs => :keySeconds)
                          WHERE politeness_key IN (SELECT politeness_key FROM host_lease WHERE lease_owner = :keyOwner
                                                   AND politeness_key = ANY(:keys)
                                                   ORDER BY politeness_key FOR UPDATE))
            UPDATE source SET lease_until = now() + make_interval(secs => :leaseSeconds)
            WHERE id IN (SELECT id FROM source WHERE lease_owner = :owner AND id = ANY(:ids) ORDER BY id FOR UPDATE)""";

    private static final String RELEASE = """
            UPDATE host_lease SET lease_owner = NULL, lease_until = NULL,
                free_at = greatest(free_at, now() + make_interval(secs => :spacingSeconds))
            WHERE politeness_key = :key AND lease_owner = :owner""";

    private final DatabaseClient db;
    // A transaction begun READ WRITE overrides the session's default_transaction_read_only: the preview CLI's
    // connections are read-only (it must never store), but it holds a site like any poller while it fetches.
    private final TransactionalOperator readWrite;

    public HostLeases(DatabaseClient db, ConnectionFactory connections) {
        this.db = db;
        var definition = new DefaultTransactionDefinition();
        definition.setReadOnly(false);
        this.readWrite = TransactionalOperator.create(new R2dbcTransactionManager(connections), definition);
    }

    /**
     * Leases the politeness key {@code key} for a fetch outside the poller (a preview); empty while another holder
     * has it or it owes spacing. Runs in a read-write transaction of its own, so a read-only process can take it.
     */
    public Mono<String> holdKey(String owner, String key, Duration lease) {
        return db.sql(LEASE_KEY)
                .bind("owner", owner)
                .bind("key", key)
                .bind("leaseSeconds", seconds(lease))
                .map(row -> row.get("politeness_key", String.class))
                .one()
                .as(readWrite::transactional);
    }

    /** Gives back a key taken with {@link #holdKey}, owing {@code spacing}; read-write like it. */
    public Mono<Void> giveBack(String owner, String key, Duration spacing) {
        return release(owner, key, spacing).as(readWrite::transactional);
    }

    /** Leases up to {@code limit} politeness keys that have due sources, are free and owe no spacing. */
    public Flux<String> leaseKeys(String owner, Duration lease, int limit) {
        return db.sql(LEASE_KEYS)
                .bind("owner", owner)
                .bind("leaseSeconds", seconds(lease))
                .bind("limit", limit)
                .map(row -> row.get("politeness_key", String.class))
                .all();
    }

    /** Leases the politeness key of one source; empty while another holder has it or it owes spacing. */
    public Mono<String> leaseKeyOf(String owner, String sourceId, Duration lease) {
        return db.sql(LEASE_KEY_OF)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("leaseSeconds", seconds(lease))
                .map(row -> row.get("politeness_key", String.class))
                .one();
    }

    /** Leases the due sources of keys this owner holds. */
    public Flux<SourceLease> leaseDueSources(String owner, List<String> keys, Duration lease) {
        return db.sql(LEASE_DUE_OF_KEYS)
                .bind("owner", owner)
                .bind("keys", keys.toArray(String[]::new))
                .bind("leaseSeconds", seconds(lease))
                .map(SourceLease::of)
                .all();
    }

    /**
     * Leases one source now, due or not; empty when it is unknown, inactive, being polled elsewhere, or was polled
     * by a poll that recorded its outcome after {@code requested}.
     */
    public Mono<SourceLease> leaseNow(String owner, String sourceId, Duration lease, Instant requested) {
        return db.sql(LEASE_ONE)
                .bind("owner", owner)
                .bind("id", sourceId)
                .bind("requested", requested)
                .bind("leaseSeconds", seconds(lease))
                .map(SourceLease::of)
                .one();
    }

    /**
     * Extends this owner's leases of the keys and sources given: those it is working on. A lease of this owner not
     * among them (its work ended without giving it back) is left to lapse.
     */
    public Mono<Void> renew(String owner, List<String> keys, List<String> sourceIds, Duration lease) {
        return db.sql(RENEW)
                .bind("owner", owner)
                .bind("keyOwner", owner)
                .bind("keys", keys.toArray(String[]::new))
                .bind("ids", sourceIds.toArray(String[]::new))
                .bind("leaseSeconds", seconds(lease))
                .bind("keySeconds", seconds(lease))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Gives a key back; no holder may start a request to it for {@code spacing} from now. */
    public Mono<Void> release(String owner, String key, Duration spacing) {
        return db.sql(RELEASE)
                .bind("owner", owner)
                .bind("key", key)
                .bind("spacingSeconds", seconds(spacing))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
