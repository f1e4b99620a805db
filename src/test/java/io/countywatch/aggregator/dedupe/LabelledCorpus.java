package io.countywatch.aggregator.dedupe;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled corpus for measuring merges, generated from {@link StoryTemplates} with a fixed seed: ordinary
 * stories (one per topic and county) of which many are republished by other sites with the usual changes,
 * monthly reports that keep their title, pairs of different stories about the same meeting, and very short
 * items. Each entry carries its story's label; two entries are the same story exactly when labels are equal.
 */
public final class LabelledCorpus {

    record Entry(String story, String sourceId, ExtractedItem item, String variant) {}

    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private final Random random = new Random(20231105L);
    // the overlap classes draw from their own sequence, so the stories of the corpus stay those measured before
    private final Random overlapRandom = new Random(20261203L);
    private final List<Entry> entries = new ArrayList<>();
    int stories;
    int repostGroups;

    static LabelledCorpus generate() {
        LabelledCorpus corpus = new LabelledCorpus();
        corpus.ordinaryStories();
        corpus.monthlyReports();
        corpus.sameMeetingPairs();
        corpus.shortItems();
        corpus.reorderedNumbers();
        return corpus;
    }

    List<Entry> entries() {
        return entries;
    }

    private void ordinaryStories() {
        for (int t = 0; t < StoryTemplates.TOPICS.size(); t++) {
            for (int c = 0; c < StoryTemplates.COUNTIES.size(); c++) {
                String county = StoryTemplates.COUNTIES.get(c);
                String label = "story-" + t + "-" + c;
                OffsetDateTime date =
                        OffsetDateTime.of(2023, 1 + random.nextInt(12), 1 + random.nextInt(28), 9, 30, 0, 0, CST);
                var topic = StoryTemplates.TOPICS.get(t);
                String town = pick(StoryTemplates.TOWNS);
                String person = pick(StoryTemplates.PEOPLE);
                int a = 20 + random.nextInt(900);
                int b = 10 + random.nextInt(500);
                int cc = 3 + random.nextInt(40);
                StringBuilder body = new StringBuilder();
                for (List<String> slot : topic.slots()) {
                    body.append("<p>")
                            .append(fill(pick(slot), county, town, person, date, a, b, cc))
                            .append("</p>");
                }
                String title = fill(topic.title(), county, town, person, date, a, b, cc);
                // a TRS-style static address: /xwzx/<column>/<yyyyMM>/t<yyyyMMdd>_<id>.html
                String day = String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
                int id = 1000 + stories;
                String site = "http://www.county" + c + ".gov.cn";
                String url = site + "/xwzx/" + t + "/" + day.substring(0, 6) + "/t" + day + "_" + id + ".html";
                add(
                        label,
                        "gov-" + c,
                        new ExtractedItem(null, url, title, null, body.toString(), date, true),
                        "original");
                stories++;
                overlaps(label, c, site, url, id, title, body.toString(), date);
                // about three in five stories are republished, once to three times
                if (random.nextInt(5) < 3) {
                    repostGroups++;
                    int copies = 1 + random.nextInt(3);
                    for (int k = 0; k < copies; k++) {
                        add(label, "farm-" + k, Reposts.repost(random, title, body.toString(), date, k), "repost");
                    }
                }
            }
        }
    }

    /**
     * The overlaps of a county's own sources (issue 13), for some stories each: its RSS feed lists the same address
     * with the first paragraph only; its homepage lists the article under the CMS's short address {@code /art/<id>},
     * title only; the city daily reposts it under its own address with a cut, decorated title and a summary of the
     * first paragraphs; the column corrects the headline at the same address.
     */
    private void overlaps(
            String label, int c, String site, String url, int id, String title, String body, OffsetDateTime date) {
        int kind = overlapRandom.nextInt(8);
        String firstParagraph = body.substring(0, body.indexOf("</p>") + 4);
        if (kind == 0) {
            add(
                    label,
                    "rss-" + c,
                    new ExtractedItem(null, url, title, firstParagraph, null, date, true),
                    "cross-source-url");
        } else if (kind == 1) {
            add(
                    label,
                    "home-" + c,
                    new ExtractedItem(null, site + "/art/" + id, title, null, null, date.withHour(0), false),
                    "alias");
        } else if (kind == 2) {
            String plain = body.replaceAll("<[^>]+>", "");
            String summary = plain.substring(0, Math.min(plain.length(), 90 + overlapRandom.nextInt(60)));
            String cut = title.length() > 12 ? title.substring(0, 12) + "…_孝感日报" : title + "_孝感日报";
            add(
                    label,
                    "daily",
                    new ExtractedItem(
                            null,
                            "http://www.xgrb.cn/html/content_" + (80000 + id) + ".htm",
                            cut,
                            summary,
                            null,
                            date,
                            true),
                    "summary-only");
        } else if (kind == 3) {
            add(
                    label,
                    "gov-" + c,
                    new ExtractedItem(
                            null,
                            url,
                            title.substring(0, title.length() - 2) + "工作" + title.substring(title.length() - 2),
                            null,
                            body,
                            date,
                            true),
                    "corrected-title");
        }
    }

    // Same title every month; only the month, counts and date differ. A repost of one month's report merges.
    private void monthlyReports() {
        for (int c = 0; c < 4; c++) {
            String county = StoryTemplates.COUNTIES.get(c);
            for (int month = 1; month <= 10; month++) {
                OffsetDateTime date = OffsetDateTime.of(2023, month + 1, 5, 17, 30, 0, 0, CST);
                int a = 24 + month % 3;
                String body = fill(StoryTemplates.REPORT_BODY, county, "", "", date.withMonth(month), a, a, 42);
                String title = fill(StoryTemplates.REPORT_TITLE, county, "", "", date, a, a, 42);
                String label = "report-" + c + "-" + month;
                add(
                        label,
                        "cdc-" + c,
                        new ExtractedItem(
                                null,
                                "http://cdc" + c + ".gov.cn/sz/" + month + ".html",
                                title,
                                null,
                                "<p>" + body + "</p>",
                                date,
                                true),
                        "report");
                // the list page of another site shows the title only, on the same day: the same report, while
                // last month's listing (same title, another day) is not
                add(
                        label,
                        "portal-" + c,
                        new ExtractedItem(
                                null,
                                "http://portal" + c + ".gov.cn/tzgg/" + (month + 500) + ".html",
                                title,
                                null,
                                null,
                                date.withHour(0),
                                false),
                        "report-title-only");
                stories++;
                repostGroups++;
                if (month % 3 == 0) {
                    repostGroups++;
                    add(
                            label,
                            "farm-0",
                            Reposts.repost(random, title, "<p>" + body + "</p>", date, 0),
                            "report-repost");
                }
            }
        }
    }

    private void sameMeetingPairs() {
        for (int c = 0; c < 20; c++) {
            String county = StoryTemplates.COUNTIES.get(c);
            OffsetDateTime date = OffsetDateTime.of(2023, 9, 1 + c, 10, 0, 0, 0, CST);
            String person = StoryTemplates.PEOPLE.get(c % StoryTemplates.PEOPLE.size());
            String opening = date.getMonthValue() + "月" + date.getDayOfMonth() + "日，" + county + "召开县委常委会会议，县委书记"
                    + person + "主持会议。";
            String first = "<p>" + opening + "</p><p>会议传达学习了省委全会精神，研究部署了全县贯彻落实工作。会议指出，要把思想和行动统一到省委决策部署上来，"
                    + "结合实际抓好落实，推动各项工作取得新成效。</p>";
            String second =
                    "<p>" + opening + "</p><p>会议听取了全县安全生产和信访稳定工作情况汇报。会议强调，要紧盯重点行业领域，深入开展隐患排查整治，" + "全力维护社会大局和谐稳定。</p>";
            add(
                    "meeting-a-" + c,
                    "gov-" + c,
                    new ExtractedItem(
                            null,
                            "http://www.county" + c + ".gov.cn/ldhd/a" + c + ".html",
                            county + "召开县委常委会会议",
                            null,
                            first,
                            date,
                            true),
                    "same-event");
            add(
                    "meeting-b-" + c,
                    "news-" + c,
                    new ExtractedItem(
                            null,
                            "http://news" + c + ".cn/xw/b" + c + ".html",
                            county + "召开县委常委会会议",
                            null,
                            second,
                            date,
                            true),
                    "same-event");
            stories += 2;
        }
    }

    // Short bodies alike ("详见附件。") under titles that differ only in a period token, and generic
    // title-only items on two sites the same day: none of them is the same story as another.
    private void shortItems() {
        String[] titles = {
            "关于公布第一批行政许可事项清单的通知",
            "关于公布第二批行政许可事项清单的通知",
            "关于2023年度政府信息公开工作报告",
            "关于2022年度政府信息公开工作报告",
            "关于开展第3期干部培训的通知",
            "关于开展第4期干部培训的通知",
            "2023年第二季度财政预算执行情况",
            "2023年第三季度财政预算执行情况"
        };
        OffsetDateTime date = OffsetDateTime.of(2023, 6, 12, 9, 0, 0, 0, CST);
        for (int i = 0; i < titles.length; i++) {
            add(
                    "short-" + i,
                    "gov-" + i,
                    new ExtractedItem(
                            null,
                            "http://www.county" + i + ".gov.cn/tz/" + i + ".html",
                            titles[i],
                            null,
                            "<p>详见附件。</p>",
                            date,
                            true),
                    "short");
            stories++;
        }
        String[] generic = {"通知公告", "工作动态", "招聘公告", "停水通知", "政策解读", "领导活动"};
        for (int i = 0; i < generic.length; i++) {
            for (int site = 0; site < 2; site++) {
                add(
                        "generic-" + i + "-" + site,
                        "portal-" + site,
                        new ExtractedItem(
                                null,
                                "http://portal" + site + ".cn/tz/g" + i + ".html",
                                generic[i],
                                null,
                                null,
                                date,
                                false),
                        "short-title-only");
                stories++;
            }
        }
    }

    // Templated pages that carry the same numbers in another order: the section and entry numbers of a generated
    // listing ("第1栏目 第0条" against "第0栏目 第1条"), or issue and document numbers swapped in a title. Same
    // title, same day, bodies a few SimHash bits apart; a number set cannot tell them apart, their order can.
    private void reorderedNumbers() {
        OffsetDateTime date = OffsetDateTime.of(2023, 10, 16, 8, 0, 0, 0, CST);
        for (int c = 0; c < 20; c++) {
            String county = StoryTemplates.COUNTIES.get(c);
            int x = c % 5;
            int y = x + 1 + c % 3;
            String body = "<p>本页为" + county + "政务公开目录第%d栏目第%d条信息，由县政府办公室统一发布。请各乡镇人民政府、县直各部门"
                    + "认真组织学习，抓好贯彻落实，并于月底前将落实情况书面报送县政府办公室，逾期未报送的单位将予以通报。</p>";
            String title = county + "政务公开目录信息";
            String first = "listing-" + c + "-" + x + "-" + y;
            add(
                    first,
                    "gov-" + c,
                    new ExtractedItem(
                            null,
                            "http://www.county" + c + ".gov.cn/gk/" + x + "-" + y + ".html",
                            title,
                            null,
                            body.formatted(x, y),
                            date,
                            true),
                    "reordered-numbers");
            add(
                    "listing-" + c + "-" + y + "-" + x,
                    "portal-" + c,
                    new ExtractedItem(
                            null,
                            "http://portal" + c + ".gov.cn/gk/" + y + "-" + x + ".html",
                            title,
                            null,
                            body.formatted(y, x),
                            date,
                            true),
                    "reordered-numbers");
            stories += 2;
            if (c % 2 == 0) {
                repostGroups++;
                add(first, "farm-0", Reposts.repost(random, title, body.formatted(x, y), date, 0), "reordered-repost");
            }
        }
        String notice = "<p>现将有关事项通知如下：请各单位按照要求，认真做好本期统计信息报送工作，确保数据真实准确、报送及时完整，" + "逾期未报送的将予以通报批评。</p>";
        for (int i = 0; i < 6; i++) {
            int issue = 3 + i;
            int number = 12 + i;
            add(
                    "issue-" + issue + "-" + number,
                    "gov-" + i,
                    new ExtractedItem(
                            null,
                            "http://www.county" + i + ".gov.cn/tb/a" + i + ".html",
                            "2023年第" + issue + "期 第" + number + "号 统计信息报送通知",
                            null,
                            notice,
                            date,
                            true),
                    "reordered-numbers");
            add(
                    "issue-" + number + "-" + issue,
                    "portal-" + i,
                    new ExtractedItem(
                            null,
                            "http://portal" + i + ".gov.cn/tb/b" + i + ".html",
                            "2023年第" + number + "期 第" + issue + "号 统计信息报送通知",
                            null,
                            notice,
                            date,
                            true),
                    "reordered-numbers");
            stories += 2;
        }
    }

    private void add(String label, String sourceId, ExtractedItem item, String variant) {
        entries.add(new Entry(label, sourceId, item, variant));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    public static String fill(
            String text, String county, String town, String person, OffsetDateTime date, int a, int b, int c) {
        return text.replace("{县}", county)
                .replace("{镇}", town)
                .replace("{人}", person)
                .replace("{月}", String.valueOf(date.getMonthValue()))
                .replace("{日}", String.valueOf(date.getDayOfMonth()))
                .replace("{a}", String.valueOf(a))
                .replace("{b}", String.valueOf(b))
                .replace("{c}", String.valueOf(c));
    }
}
