package io.countywatch.aggregator.dedupe;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines that content farms and CMS templates add around an article: "Admin - admin 于2022年01月19日发表",
 * "本文章内容来源于网络公开内容,仅供参考!", source, editor, view counts, print and share links. Only short
 * lines are dropped, so an article sentence that happens to contain "来源" survives.
 */
final class Boilerplate {

    private static final int LONGEST = 80;

    private static final List<Pattern> LINES = List.of(
            Pattern.compile(
                    "^.{0,40}于\\s*\\d{4}[年\\-/.]\\d{1,2}[月\\-/.]\\d{1,2}日?\\s*(\\d{1,2}:\\d{2}(:\\d{2})?)?\\s*发表.{0,10}$"),
            Pattern.compile("^本(文章?|站|网)?(内容)?(部分)?(来源|转载|来自|转自|摘自).*$"),
            Pattern.compile("^.*仅供(参考|学习|交流|阅读).*$"),
            Pattern.compile("^(文章来源|信息来源|来源|稿源|作者|编辑|责任编辑|责编|审核|审校|终审|初审|摄影|通讯员|记者|"
                    + "发布时间|发布日期|发布者|更新时间|浏览次数|阅读次数|点击数|访问量|字号|原标题|供稿|文/图|图/文)\\s*[:：].*$"),
            Pattern.compile("^.*(版权所有|copyright|©|免责声明|分享到|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|上一篇|下一篇|相关阅读|"
                    + "相关文章|点击查看|点击进入|阅读原文|字体[:：]|【大 中 小】|\\[大 中 小\\]).*$"));

    // Farm copies of feeds put the whole article on one line, so the two best-known phrases go inline too
    // (the first needs 于 and 发表, the second 仅供参考).
    private static final List<Pattern> INLINE = List.of(
            Pattern.compile(
                    "\\S{0,20}\\s*-\\s*\\S{0,20}\\s*于\\s*\\d{4}年\\d{1,2}月\\d{1,2}日\\s*(\\d{1,2}:\\d{2}(:\\d{2})?)?\\s*发表"),
            Pattern.compile("本文章?内容来源于网络(公开)?内容?\\s*[,，]?\\s*仅供参考\\s*[!！。]?"));

    private Boilerplate() {}

    /** The text (NFKC, lower case, one block per line) without boilerplate lines and without a repeated title. */
    static String strip(String text, String normalizedTitle) {
        StringBuilder out = new StringBuilder(text.length());
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || isBoilerplate(line)) {
                continue;
            }
            // the regexes only run where their fixed words are: they try every position of a paragraph otherwise
            if (line.indexOf('于') >= 0 && line.contains("发表")) {
                line = INLINE.get(0).matcher(line).replaceAll(" ");
            }
            if (line.contains("仅供参考")) {
                line = INLINE.get(1).matcher(line).replaceAll(" ");
            }
            // farm copies repeat the title as the article's first line; stripping affixes only shortens a line, so
            // a line whose letters do not contain the title's cannot be it
            if (!normalizedTitle.isEmpty()
                    && TextNormalizer.normalize(line).contains(normalizedTitle)
                    && TextNormalizer.normalize(TitleAffixes.strip(line)).equals(normalizedTitle)) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static boolean isBoilerplate(String line) {
        if (line.length() > LONGEST) {
            return false;
        }
        for (Pattern p : LINES) {
            if (p.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
