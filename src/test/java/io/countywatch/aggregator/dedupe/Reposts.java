package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

/**
 * How other sites republish a story, as seen on content farms and portal mirrors: another URL, the title with
 * a prefix or a site suffix, the body with a byline, a disclaimer, a source line, full-width digits, other
 * spacing and punctuation, a caption added or the last paragraph dropped, or only the title in a list.
 */
final class Reposts {

    private static final List<String> PREFIXES = List.of("转载：", "【工作动态】", "[转载]", "转发：", "【要闻】", "");
    private static final List<String> SUFFIXES = List.of("_孝感新闻网", " - 湖北日报网", "｜荆楚网", "_县人民政府门户网站", "（转载）", "");

    private Reposts() {}

    static ExtractedItem repost(Random random, String title, String html, OffsetDateTime date, int copy) {
        String newTitle =
                PREFIXES.get(random.nextInt(PREFIXES.size())) + title + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
        String body = html;
        if (random.nextBoolean()) {
            body = "<p>Admin - admin 于2022年01月19日发表</p><p>" + title + "</p>" + body + "<p>本文章内容来源于网络公开内容,仅供参考!</p>";
        }
        if (random.nextBoolean()) {
            body = body + "<p>来源：" + (random.nextBoolean() ? "县融媒体中心" : "县人民政府网") + "</p><p>责任编辑：王敏</p>";
        }
        if (random.nextInt(3) == 0) {
            body = fullWidthDigits(body);
        }
        if (random.nextInt(3) == 0) {
            body = body.replace("，", ", ").replace("。", ". ").replace("</p><p>", "<br/>\n  ");
        }
        if (random.nextInt(4) == 0) {
            body = body.replace("、", " ").replace("；", "").replace("</p>", "&nbsp;</p>");
        }
        if (random.nextInt(6) == 0) {
            body = body.replaceFirst("</p>", "（图为活动现场）</p>");
        }
        if (random.nextInt(8) == 0 && body.lastIndexOf("<p>") > 0) {
            body = body.substring(0, body.lastIndexOf("<p>")); // the farm lost the last paragraph
        }
        String url = "http://www.farm" + copy + ".com/article/" + random.nextInt(1_000_000) + ".html?from=timeline";
        if (random.nextInt(7) == 0) {
            // a list page that shows only the title, dated the same day
            return new ExtractedItem(
                    null, url, title, null, null, date.withHour(0).withMinute(0), false);
        }
        String summary = random.nextInt(5) == 0 ? TextNormalizer.plainText(body).strip() : null;
        return new ExtractedItem(
                "farm-" + copy + "-" + random.nextInt(1_000_000),
                url,
                newTitle,
                summary,
                summary == null ? body : null,
                date.plusHours(random.nextInt(30)),
                true);
    }

    private static String fullWidthDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inTag = false;
        for (char ch : text.toCharArray()) {
            inTag = ch == '<' || (inTag && ch != '>');
            out.append(!inTag && ch >= '0' && ch <= '9' ? (char) (ch - '0' + '０') : ch);
        }
        return out.toString();
    }
}
