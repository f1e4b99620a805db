package io.countywatch.aggregator.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a replica that cannot be used at start-up in Spring Boot's short "APPLICATION FAILED TO START" form. */
final class ReadReplicaFailureAnalyzer extends AbstractFailureAnalyzer<ReadReplicaUnusable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ReadReplicaUnusable cause) {
        return new FailureAnalysis(
                "The read replica could not be used:\n\n" + cause.getMessage().indent(4),
                "Correct " + ReadReplica.SETTING + " (and aggregator.db.read-username / read-password when the"
                        + " replica has its own account), or unset it to read from the primary, then start again.",
                cause);
    }
}
