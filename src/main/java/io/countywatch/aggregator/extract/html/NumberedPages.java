package io.countywatch.aggregator.extract.html;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs page n+1 of a numbered list would have, in the forms these CMSs use: {@code index_1.html} after
 * {@code index.html} (TRS counts the second page as 1, others as 2), {@code index_3.html} after {@code index_2.html},
 * {@code page_2.html}, {@code list_2.html}, and {@code ?page=2} / {@code ?p=2} / {@code ?pageNo=2} / {@code ?pageNum=2}.
 * Only a link the page really has to one of them is followed: these are candidates, never guesses to fetch.
 */
final class NumberedPages {

    // "index_2.html", "page_3.shtml", "list_4.htm"; "index.html" is page one of the same list
    private static final Pattern NUMBERED_FILE =
            Pattern.compile("(?i)^(index|page|list|default)(?:_(\\d+))?\\.(s?html?|jsp|php|aspx?)$");

    private static final Pattern PAGE_PARAMETER =
            Pattern.compile("(?i)(^|&)(page|p|pageNo|pageNum|pageIndex|curPage)=(\\d+)(?=&|$)");

    private static final List<String> PAGE_NAMES = List.of("page", "p", "pageNo", "pageNum");

    private NumberedPages() {}

    static List<URI> after(URI page) {
        List<URI> next = new ArrayList<>();
        String path = page.getRawPath() == null ? "" : page.getRawPath();
        String query = page.getRawQuery();
        if (query != null) {
            Matcher m = PAGE_PARAMETER.matcher(query);
            if (m.find()) {
                int n = Integer.parseInt(m.group(3));
                String nextQuery = query.substring(0, m.start(3)) + (n + 1) + query.substring(m.end(3));
                next.add(with(page, path, nextQuery));
                return next;
            }
        }
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        String file = path.substring(path.lastIndexOf('/') + 1);
        Matcher m = NUMBERED_FILE.matcher(file);
        if (m.matches()) {
            String base = m.group(1);
            String ext = m.group(3);
            if (m.group(2) == null) {
                next.add(with(page, dir + base + "_1." + ext, query));
                next.add(with(page, dir + base + "_2." + ext, query));
            } else {
                next.add(with(page, dir + base + "_" + (Integer.parseInt(m.group(2)) + 1) + "." + ext, query));
            }
        } else if (file.isEmpty()) {
            for (String ext : List.of("html", "shtml", "htm")) {
                next.add(with(page, dir + "index_1." + ext, null));
                next.add(with(page, dir + "index_2." + ext, null));
                next.add(with(page, dir + "page_2." + ext, null));
            }
        }
        String separator = query == null || query.isEmpty() ? "" : query + "&";
        for (String name : PAGE_NAMES) {
            next.add(with(page, path, separator + name + "=2"));
        }
        return next;
    }

    private static URI with(URI page, String path, String query) {
        return URI.create(
                page.getScheme() + "://" + page.getRawAuthority() + path + (query == null ? "" : "?" + query));
    }
}
