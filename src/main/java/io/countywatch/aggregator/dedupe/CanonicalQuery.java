package io.countywatch.aggregator.dedupe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The query half of a canonical URL: tracking parameters dropped, the rest sorted by name. */
final class CanonicalQuery {

    private record Parameter(String name, String value, String text) {
        static Parameter parse(String text) {
            int eq = text.indexOf('=');
            return eq < 0
                    ? new Parameter(text, "", text)
                    : new Parameter(text.substring(0, eq), text.substring(eq + 1), text);
        }
    }

    private CanonicalQuery() {}

    /** @param keepLowerCase parameter names, lower-cased, that are never dropped */
    static String of(String rawQuery, Set<String> keepLowerCase) {
        List<Parameter> parameters = new ArrayList<>();
        for (String piece : PercentEncoding.normalize(rawQuery, false).split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            Parameter p = Parameter.parse(piece);
            if (keepLowerCase.contains(p.name().toLowerCase(Locale.ROOT))
                    || !TrackingParameters.isTracking(p.name(), p.value())) {
                parameters.add(p);
            }
        }
        // List.sort is stable, so repeated names ("id=2&id=1") keep their order, which servers may rely on.
        parameters.sort(Comparator.comparing(Parameter::name));
        return String.join("&", parameters.stream().map(Parameter::text).toList());
    }
}
