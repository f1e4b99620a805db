package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.extract.date.ParsedDate;
import java.util.List;

/**
 * What an item's own page says about it.
 *
 * @param title the page's own title (detail selector, article-title meta, h1, or the best part of
 *     {@code <title>}), or null
 * @param titleCandidates every title-like text on the page, for completing a cut list title
 * @param content sanitized HTML of the main content, links and images absolute, or null
 * @param summary plain text of the content, at most ~300 characters, or null
 * @param date the publication date the page shows, or null
 * @param origin the 来源 (originating office or paper) line's value, or null
 * @param canonical the address the page names as its own ({@code <link rel="canonical">}, else {@code og:url}),
 *     absolute, as written; null when it names none. Not validated here: the caller decides whether to trust it
 */
public record DetailPage(
        String title,
        List<String> titleCandidates,
        String content,
        String summary,
        ParsedDate date,
        String origin,
        String canonical) {

    public DetailPage {
        titleCandidates = List.copyOf(titleCandidates);
    }
}
