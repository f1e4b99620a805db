package io.countywatch.aggregator.db;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The connection factory of a process that runs without a database (the preview CLI when no service runs): every
 * attempt to connect fails with a message that says so, instead of a connection refused on some port.
 */
final class NoDatabase implements ConnectionFactory {

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.error(new IllegalStateException(
                "no database in this process (aggregator.db.read-only with no running service to read from)"));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        // the dialect Spring's DatabaseClient picks its bind markers by; no statement ever reaches a server
        return () -> "PostgreSQL";
    }
}
