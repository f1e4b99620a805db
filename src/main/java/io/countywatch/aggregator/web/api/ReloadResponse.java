package io.countywatch.aggregator.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.countywatch.aggregator.config.ConfigError;
import io.countywatch.aggregator.config.ReloadResult;
import java.util.List;

/**
 * {@code POST /api/sources/reload}: {@code applied} (with the ids added, removed and changed), {@code rejected}
 * (with the errors, file:line first; answered 422) or {@code unchanged}. Fields that do not apply are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadResponse(
        String result, List<String> added, List<String> removed, List<String> changed, List<String> errors) {

    public static ReloadResponse of(ReloadResult result) {
        if (result instanceof ReloadResult.Applied applied) {
            return new ReloadResponse("applied", applied.added(), applied.removed(), applied.changed(), null);
        }
        if (result instanceof ReloadResult.Rejected rejected) {
            List<String> errors =
                    rejected.errors().stream().map(ConfigError::toString).toList();
            return new ReloadResponse("rejected", null, null, null, errors);
        }
        return new ReloadResponse("unchanged", null, null, null, null);
    }
}
