package io.countywatch.aggregator.dedupe;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numeric article id in the address forms Chinese government CMSs serve one article under: the TRS static
 * path {@code /gzdt/202610/t20261023_316950.html}, the short form {@code /art/316950} (or
 * {@code /art/2026/10/23/art_1_316950.html}), and the dynamic page {@code content.jsp?id=316950}. One site with
 * one id is one article in every CMS we have seen (docs/dedupe.md); ids of fewer than four digits are left out,
 * since small numbers also name columns and pages.
 */
final class ArticleIds {

    private static final List<Pattern> FORMS = List.of(
            Pattern.compile("/t\\d{8}_(\\d{4,})\\.s?html?$"),
            Pattern.compile("/art_\\d+_(\\d{4,})\\.s?html?$"),
            Pattern.compile("/(?:art|article|content|news|info|detail)/(\\d{4,})(?:\\.s?html?)?/?$"),
            Pattern.compile(
                    "[?&](?:id|articleid|contentid|newsid|infoid|aid)=(\\d{4,})(?:&|$)", Pattern.CASE_INSENSITIVE));

    private ArticleIds() {}

    /** The article id of a canonical URL, if it has one of the known forms. */
    static Optional<String> of(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String pathAndQuery = url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
        for (Pattern form : FORMS) {
            Matcher m = form.matcher(pathAndQuery);
            if (m.find()) {
                return Optional.of(m.group(1).replaceFirst("^0+(?=\\d)", ""));
            }
        }
        return Optional.empty();
    }

    /** A lookup key for "this site's article {@code id}", 0 when the URL carries no id. */
    static long key(String url) {
        Optional<String> id = of(url);
        Optional<String> site = Sites.of(url);
        if (id.isEmpty() || site.isEmpty()) {
            return 0L;
        }
        return TextPrints.hash("a", site.get() + "#" + id.get());
    }
}
