package io.countywatch.aggregator.db;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is. With no {@code url} (env {@code AGGREGATOR_DB_URL}) and no {@code spring.r2dbc.url},
 * an embedded PostgreSQL starts with its data under {@code embedded.data-dir}.
 *
 * @param url an r2dbc URL such as {@code r2dbc:postgresql://db.example:5432/aggregator}
 * @param poolSize the most connections this instance holds
 * @param readUrl an r2dbc URL of a read replica (env {@code AGGREGATOR_DB_READ_URL}): the reads that may lag (feeds,
 *     {@code /api/items}, {@code /api/sources}, the stream's replay) go there, everything else stays on {@code url};
 *     unset, one pool serves all ({@link ReadDatabase})
 * @param readUsername the replica's user, {@code username} when unset
 * @param readPassword the replica's password, {@code password} when unset
 * @param readPoolSize the most connections this instance holds to the replica
 * @param listenRetry first delay before the LISTEN connection ({@link PgNotifications}) is opened again after it
 *     dropped; it grows to a minute
 * @param listenPing how often the LISTEN connection is checked
 */
@ConfigurationProperties("aggregator.db")
record DatabaseProperties(
        String url,
        String username,
        String password,
        @DefaultValue("10") int poolSize,
        String readUrl,
        String readUsername,
        String readPassword,
        @DefaultValue("4") int readPoolSize,
        @DefaultValue("1s") Duration listenRetry,
        @DefaultValue("30s") Duration listenPing,
        @DefaultValue Embedded embedded) {

    /**
     * @param dataDir where the embedded server keeps its files
     * @param port 0 picks a free port at each start
     * @param sharedBuffers PostgreSQL's {@code shared_buffers}: {@code auto} (an eighth of the memory, 128 MB to
     *     1 GB) or a size such as {@code 2GB}
     */
    public record Embedded(
            @DefaultValue("data/pg") Path dataDir,
            @DefaultValue("0") int port,
            @DefaultValue("auto") String sharedBuffers) {}
}
