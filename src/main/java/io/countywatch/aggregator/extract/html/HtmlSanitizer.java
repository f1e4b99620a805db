package io.countywatch.aggregator.extract.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes scraped or syndicated HTML safe to republish: jsoup's relaxed Safelist (no script, style, event
 * attributes, and only http/https/mailto links), with links and images made absolute against the page.
 */
public final class HtmlSanitizer {

    public static final int SUMMARY_LENGTH = 300;

    private static final Safelist SAFELIST = Safelist.relaxed().preserveRelativeLinks(false);

    /** Sanitized HTML, or null when nothing visible remains. */
    public String sanitize(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return null;
        }
        return serialized(cleaned(html, baseUri));
    }

    /** The sanitized fragment as a document, for a caller that also wants its text or adds to it. */
    Document cleaned(String html, String baseUri) {
        Document dirty = Jsoup.parseBodyFragment(html == null ? "" : html, baseUri == null ? "" : baseUri);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        return clean;
    }

    /** The body of a {@link #cleaned} document as HTML, or null when nothing visible remains. */
    static String serialized(Document clean) {
        String body = clean.body().html().trim();
        return body.isEmpty() ? null : body;
    }

    /** Plain text of an HTML fragment, whitespace folded. */
    public String text(String html) {
        if (html == null) {
            return "";
        }
        return Jsoup.parseBodyFragment(html)
                .body()
                .text()
                .replace('\u00a0', ' ')
                .trim();
    }

    /** Plain text cut at a character boundary to at most {@link #SUMMARY_LENGTH} characters, with an ellipsis. */
    public String summary(String html) {
        return cut(text(html));
    }

    /** {@link #summary} of a {@link #cleaned} document, which needs no second parse. */
    String summary(Document clean) {
        return cut(clean.body().text().replace('\u00a0', ' ').trim());
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= SUMMARY_LENGTH) {
            return text.isEmpty() ? null : text;
        }
        int end = text.offsetByCodePoints(0, SUMMARY_LENGTH - 1);
        return text.substring(0, end).trim() + "…";
    }
}
