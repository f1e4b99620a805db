package io.countywatch.aggregator.dedupe;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Strips what republishers add around a title: "转载：", "【热点】" in front, "_孝感新闻网", " - 某某网", "（转载）"
 * behind. A tail after a dash is only dropped when it names a site, so "1—8月国民经济运行情况" stays whole.
 */
final class TitleAffixes {

    private static final List<Pattern> PREFIXES = List.of(
            Pattern.compile("^\\s*(转载|转发|转自|原创|推荐|热点|关注|头条|快讯|重磅|最新|独家)\\s*[:|：｜]\\s*"),
            Pattern.compile("^\\s*【[^】]{1,20}】\\s*"),
            Pattern.compile("^\\s*\\[[^\\]]{1,20}\\]\\s*"),
            Pattern.compile("^\\s*〔[^〕]{1,20}〕\\s*"));

    private static final String SITE_WORD = "(网|网站|新闻网|门户网站|政府网|政府|人民政府|日报|晚报|报|电视台|融媒|融媒体中心|客户端|公众号|频道|在线|资讯|新闻)";

    private static final List<Pattern> SUFFIXES = List.of(
            Pattern.compile("\\s*【[^】]{1,20}】\\s*$"),
            Pattern.compile("\\s*\\((转载|转|图|组图|视频|图文|转发)\\)\\s*$"),
            Pattern.compile("\\s*[_|｜\\-—–·]+\\s*[^_|｜\\-—–·]{2,24}" + SITE_WORD + "\\s*$"),
            // a site suffix the feed cut: "…见实效_岳阳…"
            Pattern.compile("\\s*_[^_]{1,12}(\\.\\.\\.|…)+\\s*$"),
            Pattern.compile("\\s*(\\.\\.\\.|…)+\\s*$"));

    private TitleAffixes() {}

    /** The title (already NFKC and lower case) without republishers' prefixes and suffixes. */
    static String strip(String title) {
        String current = title;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Pattern p : PREFIXES) {
                String next = p.matcher(current).replaceFirst("");
                changed |= !next.equals(current) && !next.isBlank();
                current = next.isBlank() ? current : next;
            }
            for (Pattern p : SUFFIXES) {
                String next = p.matcher(current).replaceFirst("");
                changed |= !next.equals(current) && !next.isBlank();
                current = next.isBlank() ? current : next;
            }
        }
        return current.strip();
    }
}
