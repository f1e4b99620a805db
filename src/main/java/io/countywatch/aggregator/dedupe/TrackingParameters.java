package io.countywatch.aggregator.dedupe;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Decides which query parameters only say who shared a link or defeat a cache, never which page it is. */
final class TrackingParameters {

    // Campaign and share tags added by WeChat, Weibo, Alipay, search engines and ad networks.
    private static final Set<String> ALWAYS =
            Set.of("spm", "from", "source", "isappinstalled", "scene", "clicktime", "wxfrom", "fbclid", "gclid");

    private static final Set<String> PREFIXES = Set.of("utm_", "share");

    // Cache busters only when their value looks like a timestamp or random number: "t" or "ts" also name
    // real parameters ("t=news"), and those must survive.
    private static final Set<String> CACHE_BUSTERS =
            Set.of("_", "_t", "t", "ts", "timestamp", "rnd", "random", "nocache");

    private static final Pattern NUMERIC_OR_EMPTY = Pattern.compile("(\\d+(\\.\\d*)?)?");

    private TrackingParameters() {}

    static boolean isTracking(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (ALWAYS.contains(key) || PREFIXES.stream().anyMatch(key::startsWith)) {
            return true;
        }
        return CACHE_BUSTERS.contains(key) && NUMERIC_OR_EMPTY.matcher(value).matches();
    }
}
