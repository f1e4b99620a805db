package io.countywatch.aggregator.extract;

import com.google.re2j.Pattern;
import io.countywatch.aggregator.config.SourceDefinition;
import java.util.List;

/**
 * A source's include/exclude patterns on titles. RE2/J matches in linear time, so no pattern an admin writes
 * can hang a poller on a hostile title.
 */
public final class TitleFilter {

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    private TitleFilter(List<Pattern> include, List<Pattern> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    public static TitleFilter of(SourceDefinition source) {
        return new TitleFilter(compile(source.include()), compile(source.exclude()));
    }

    private static List<Pattern> compile(List<String> patterns) {
        return patterns == null
                ? List.of()
                : patterns.stream().map(Pattern::compile).toList();
    }

    /** True when the title matches an include pattern (or there are none) and no exclude pattern. */
    public boolean accepts(String title) {
        if (!include.isEmpty()
                && include.stream().noneMatch(p -> p.matcher(title).find())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(title).find());
    }
}
