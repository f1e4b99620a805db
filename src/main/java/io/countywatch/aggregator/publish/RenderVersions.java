package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.store.items.FeedVersionRepository;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The version token a new rendering is stored under, read before its items so that it is never newer than they
 * are: an entry is valid only while its token equals the current one, and a token newer than the bytes would keep
 * old bytes current until the next change. Reading from the primary, that is the in-memory snapshot. Reading from
 * a replica, the snapshot (from the primary) may be ahead of the replica's items, so the token is the replica's
 * own; while the replica lags it differs from the snapshot's, the entry is not current, and the next request renders
 * again, until the replica has caught up and the entry is served from the cache.
 */
@Component
class RenderVersions {

    private final FeedVersionRepository repository;

    RenderVersions(FeedVersionRepository repository) {
        this.repository = repository;
    }

    /** The scope's token for a rendering that starts now; empty when unknown (the rendering is then not cached). */
    Mono<Optional<String>> beforeRendering(FeedScope scope, VersionSnapshot snapshot) {
        if (!repository.readsLag()) {
            return Mono.just(Optional.ofNullable(snapshot == null ? null : snapshot.token(scope)));
        }
        return repository
                .findScopeOnReplica(scope.sourceId(), scope.tag())
                .map(versions ->
                        Optional.ofNullable(VersionSnapshot.of(versions).token(scope)));
    }
}
