package io.countywatch.aggregator.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.countywatch.aggregator.poll.PollOutcome;
import java.time.Instant;

/**
 * The answer of {@code POST /api/sources/{id}/poll}: how the poll just made ended. {@code outcome} is
 * {@code succeeded} (with the counts), {@code not_modified} (the page was unchanged, nothing parsed), {@code failed}
 * (with {@code error} and when it is tried again) or {@code busy} (another poll of it is running: 409). Fields that
 * do not apply to the outcome are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollNowResponse(
        String sourceId,
        String outcome,
        Integer found,
        @JsonProperty("new") Integer inserted,
        Integer updated,
        Integer merged,
        String error,
        Long retryAfterSeconds,
        Integer consecutiveFailures,
        Boolean dead,
        Instant nextPollAt) {

    public static PollNowResponse of(PollOutcome outcome) {
        if (outcome instanceof PollOutcome.Succeeded s) {
            return new PollNowResponse(
                    s.sourceId(),
                    "succeeded",
                    s.found(),
                    s.inserted(),
                    s.updated(),
                    s.merged(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (outcome instanceof PollOutcome.Failed f) {
            return new PollNowResponse(
                    f.sourceId(),
                    "failed",
                    null,
                    null,
                    null,
                    null,
                    f.reason(),
                    f.retryAfter() == null ? null : f.retryAfter().toSeconds(),
                    f.failures() == 0 ? null : f.failures(),
                    f.dead(),
                    f.next());
        }
        String name = outcome instanceof PollOutcome.NotModified ? "not_modified" : "busy";
        return new PollNowResponse(outcome.sourceId(), name, null, null, null, null, null, null, null, null, null);
    }
}
