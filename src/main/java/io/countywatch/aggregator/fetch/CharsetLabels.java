package io.countywatch.aggregator.fetch;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps the charset labels pages and servers write to the decoder that actually reads those pages. */
final class CharsetLabels {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset BIG5_HKSCS = Charset.forName("Big5-HKSCS");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    // Pages labelled GB2312 or GBK routinely contain characters outside those sets (镕 in 朱镕基, 堃, rare
    // place names); GB18030 is a superset of both, so it decodes every such page and loses nothing.
    // Likewise Big5 pages use HKSCS characters. Latin-1 and ASCII labels mean windows-1252, as in browsers.
    private static final Map<String, Charset> ALIASES = Map.ofEntries(
            Map.entry("gb2312", GB18030),
            Map.entry("gb_2312", GB18030),
            Map.entry("gb_2312-80", GB18030),
            Map.entry("csgb2312", GB18030),
            Map.entry("iso-ir-58", GB18030),
            Map.entry("chinese", GB18030),
            Map.entry("gbk", GB18030),
            Map.entry("x-gbk", GB18030),
            Map.entry("cp936", GB18030),
            Map.entry("ms936", GB18030),
            Map.entry("windows-936", GB18030),
            Map.entry("euc-cn", GB18030),
            Map.entry("x-euc-cn", GB18030),
            Map.entry("gb18030", GB18030),
            Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("utf-8", StandardCharsets.UTF_8),
            Map.entry("unicode-1-1-utf-8", StandardCharsets.UTF_8),
            Map.entry("big5", BIG5_HKSCS),
            Map.entry("big5-hkscs", BIG5_HKSCS),
            Map.entry("cn-big5", BIG5_HKSCS),
            Map.entry("x-x-big5", BIG5_HKSCS),
            Map.entry("iso-8859-1", WINDOWS_1252),
            Map.entry("iso8859-1", WINDOWS_1252),
            Map.entry("latin1", WINDOWS_1252),
            Map.entry("us-ascii", WINDOWS_1252),
            Map.entry("ascii", WINDOWS_1252));

    private CharsetLabels() {}

    /** Empty for labels Java does not know, so callers skip them and look at the next hint. */
    static Optional<Charset> forLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String key = label.strip().replace("\"", "").replace("'", "").strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Charset alias = ALIASES.get(key);
        if (alias != null) {
            return Optional.of(alias);
        }
        try {
            return Optional.of(Charset.forName(key));
        } catch (IllegalArgumentException unknownOrMalformed) {
            return Optional.empty();
        }
    }
}
