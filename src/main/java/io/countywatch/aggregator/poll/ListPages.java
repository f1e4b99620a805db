package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.extract.html.ListPage;
import io.countywatch.aggregator.fetch.Decoded;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what the list pages of one poll yielded: their items in page order, where each title and date came
 * from, the selectors automatic mode inferred, and charset warnings. One instance per poll, filled in sequence.
 */
final class ListPages {

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^;\\s\"]+)", Pattern.CASE_INSENSITIVE);

    private final List<ExtractedItem> items = new ArrayList<>();
    private final Map<String, ListPage.Provenance> provenance = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private ListSelectors inferred;

    void onDecoded(URI page, String headerCharset, Decoded decoded) {
        String declared = declared(headerCharset);
        if (declared != null && !decoded.evidence().equals("header") && !sameCharset(declared, decoded.charset())) {
            warnings.add("charset header says " + declared + ", page decodes as "
                    + decoded.charset().name() + " (" + decoded.evidence() + ") at " + page);
        }
    }

    void add(ListPage page) {
        items.addAll(page.items());
        page.provenance().forEach(provenance::putIfAbsent);
        if (inferred == null) {
            inferred = page.inferred();
        }
    }

    ListSelectors inferred() {
        return inferred;
    }

    List<ExtractedItem> items() {
        return items;
    }

    /** The notes for the kept items, re-keyed by the canonical URL each item is stored under. */
    ExtractionNotes notes(List<ExtractedItem> kept, UnaryOperator<String> canonical) {
        Map<String, ListPage.Provenance> byCanonical = new HashMap<>();
        provenance.forEach((url, origin) -> {
            try {
                byCanonical.putIfAbsent(canonical.apply(url), origin);
            } catch (IllegalArgumentException notHttp) {
                // dropped by the canonicalizer, as its item was
            }
        });
        List<String> all = new ArrayList<>(warnings);
        if (!items.isEmpty() && kept.stream().allMatch(i -> i.publishedAt() == null)) {
            all.add("no dates found on the list page");
        }
        if (items.isEmpty()) {
            all.add(
                    inferred == null && provenance.isEmpty()
                            ? "0 items: no list found or selectors match nothing"
                            : "0 items");
        }
        return new ExtractionNotes(byCanonical, inferred, all);
    }

    private static String declared(String headerCharset) {
        if (headerCharset == null || headerCharset.isBlank()) {
            return null;
        }
        Matcher m = CHARSET.matcher(headerCharset);
        if (m.find()) {
            return m.group(1);
        }
        return headerCharset.contains("/") ? null : headerCharset.strip();
    }

    private static boolean sameCharset(String label, Charset charset) {
        String l = label.toLowerCase(Locale.ROOT);
        // GB2312 and GBK labels are decoded as GB18030 on purpose: not a contradiction.
        if (charset.name().equals("GB18030") && (l.equals("gb2312") || l.equals("gbk") || l.equals("gb18030"))) {
            return true;
        }
        try {
            return Charset.forName(label).equals(charset);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
