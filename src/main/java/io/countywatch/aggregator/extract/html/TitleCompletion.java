package io.countywatch.aggregator.extract.html;

import java.util.List;
import java.util.Optional;

/**
 * Tells a list title that the site cut ("关于做好…", "关于做好...") from a whole one, and completes it from the
 * title candidates of the item's own page. Lists cut long titles to fit one line; the detail page never does.
 */
public final class TitleCompletion {

    // The marks CMS templates append when they cut a title: the ellipsis character, three or two full stops,
    // and their full-width forms; a trailing "。。" occurs on hand-made pages.
    private static final List<String> CUT_MARKS = List.of("…", "...", "..", "．．．", "。。", "⋯");

    private TitleCompletion() {}

    /** True when the title ends in one of the marks lists use to cut a title. */
    public static boolean looksCut(String title) {
        String t = title == null ? "" : title.strip();
        return CUT_MARKS.stream().anyMatch(t::endsWith);
    }

    /** The title without its trailing cut mark and surrounding space. */
    public static String withoutCutMark(String title) {
        String t = title.strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String mark : CUT_MARKS) {
                if (t.endsWith(mark)) {
                    t = t.substring(0, t.length() - mark.length()).strip();
                    changed = true;
                }
            }
        }
        return t;
    }

    /**
     * The full title for a list title: the longest candidate that the list title (without its cut mark) is a
     * prefix of, ignoring white space; empty when no candidate extends it.
     */
    public static Optional<String> complete(String listTitle, List<String> candidates) {
        String prefix = squash(withoutCutMark(listTitle));
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        for (String candidate : candidates) {
            String whole = candidate == null ? "" : candidate.strip().replaceAll("\\s+", " ");
            if (squash(whole).startsWith(prefix)
                    && squash(whole).length() > prefix.length()
                    && (best == null || whole.length() > best.length())) {
                best = whole;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String squash(String text) {
        return text.replaceAll("[\\s\\u00a0\\u3000]+", "");
    }
}
