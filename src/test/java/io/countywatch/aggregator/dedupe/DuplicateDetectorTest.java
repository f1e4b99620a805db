package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {

    private static final String REPORT =
            "<p>根据《生活饮用水卫生标准》要求，县疾控中心于2023年%d月对城区出厂水和末梢水开展了水质监测，" + "共采集水样24份，检测指标42项，各项指标均符合国家标准。现将监测结果予以公布。</p>";
    private static final String STORY =
            "<p>9月5日，孝昌县召开秋季森林防火工作部署会，副县长王志强出席会议并讲话。会议通报了今年以来" + "全县森林火情监测情况，共出动巡护人员320人次，清理林下可燃物150亩。</p>";

    @Test
    void sameUrlInTheSameSourceIsTheSameItemOrAnUpdate() {
        Neighbour stored = known(1, "a", "http://a/1.html", item("标题一", STORY, "2023-09-05"));
        assertThat(Verdict.classify(
                        candidate("a", "http://a/1.html", item("标题一", STORY, "2023-09-05")), List.of(stored)))
                .isEqualTo(new Verdict.SameAs(1, "id1", Decision.Reason.URL, 0));
        assertThat(Verdict.classify(
                        candidate("a", "http://a/1.html", item("标题二", STORY, "2023-09-05")), List.of(stored)))
                .isEqualTo(new Verdict.UpdateOf(1, "id1"));
    }

    @Test
    void aRepostOnAnotherSiteIsTheSameStory() {
        Neighbour stored = known(1, "a", "http://a/1.html", item("孝昌县召开秋季森林防火工作部署会", STORY, "2023-09-05"));
        Verdict verdict = Verdict.classify(
                candidate(
                        "farm",
                        "http://farm/9.html",
                        item(
                                "转载：孝昌县召开秋季森林防火工作部署会_孝感新闻网",
                                "<p>Admin - admin 于2022年01月19日发表</p>" + STORY + "<p>本文章内容来源于网络公开内容,仅供参考!</p>",
                                "2023-09-06")),
                List.of(stored));
        assertThat(verdict).isEqualTo(new Verdict.SameAs(1, "id1", Decision.Reason.FINGERPRINT, 0));
    }

    @Test
    void monthlyReportsWithTheSameTitleStayApart() {
        Neighbour august =
                known(1, "cdc", "http://cdc/8.html", item("县生活饮用水水质信息公布", REPORT.formatted(8), "2023-09-05"));
        Verdict september = Verdict.classify(
                candidate("cdc", "http://cdc/9.html", item("县生活饮用水水质信息公布", REPORT.formatted(9), "2023-10-05")),
                List.of(august));
        assertThat(september).isEqualTo(new Verdict.New());
    }

    @Test
    void equalTitlesAloneNeverMerge() {
        Neighbour stored = known(1, "a", "http://a/1.html", item("县生活饮用水水质信息公布", null, "2023-09-05"));
        // another day: a new report, whatever the title says
        assertThat(Verdict.classify(
                        candidate("b", "http://b/1.html", item("县生活饮用水水质信息公布", null, "2023-10-05")), List.of(stored)))
                .isEqualTo(new Verdict.New());
        // a short generic title is no evidence even on the same day
        Neighbour generic = known(2, "a", "http://a/2.html", item("通知公告", null, "2023-09-05"));
        assertThat(Verdict.classify(
                        candidate("b", "http://b/2.html", item("通知公告", null, "2023-09-05")), List.of(generic)))
                .isEqualTo(new Verdict.New());
    }

    @Test
    void aTitleOnlyItemMergesAcrossSourcesOnTheSameLongTitleAndDay() {
        Neighbour stored = known(1, "a", "http://a/1.html", item("孝昌县召开秋季森林防火工作部署会", STORY, "2023-09-05"));
        assertThat(Verdict.classify(
                        candidate("b", "http://b/1.html", item("孝昌县召开秋季森林防火工作部署会", null, "2023-09-05")),
                        List.of(stored)))
                .isEqualTo(new Verdict.SameAs(1, "id1", Decision.Reason.TITLE_AND_DATE, 0));
        // the same source listing it twice under two URLs is not evidence enough
        assertThat(Verdict.classify(
                        candidate("a", "http://a/2.html", item("孝昌县召开秋季森林防火工作部署会", null, "2023-09-05")),
                        List.of(stored)))
                .isEqualTo(new Verdict.New());
    }

    @Test
    void aSlightlyEditedCopyIsANearDuplicate() {
        Neighbour stored = known(1, "a", "http://a/1.html", item("孝昌县召开秋季森林防火工作部署会", STORY, "2023-09-05"));
        Verdict verdict = Verdict.classify(
                candidate(
                        "b",
                        "http://b/1.html",
                        item("孝昌县召开秋季森林防火工作部署会", STORY.replace("</p>", "（图为会议现场）</p>"), "2023-09-05")),
                List.of(stored));
        assertThat(verdict).isInstanceOfSatisfying(Verdict.SameAs.class, same -> {
            assertThat(same.reason()).isEqualTo(Decision.Reason.NEAR_DUPLICATE);
            assertThat(same.distance()).isBetween(1, 10);
        });
    }

    @Test
    void templatedItemsWithTheSameNumbersInAnotherOrderStayApart() {
        String page = "<p>本栏目为第%d栏目第%d条信息，由县政府办公室统一发布，请各乡镇、各部门认真组织学习，抓好贯彻落实，" + "并于本月底前将落实情况书面报送县政府办公室。</p>";
        Neighbour first = known(1, "a", "http://a/1-0.html", item("县政府办公室信息公开", page.formatted(1, 0), "2023-09-05"));
        Verdict swapped = Verdict.classify(
                candidate("b", "http://b/0-1.html", item("县政府办公室信息公开", page.formatted(0, 1), "2023-09-05")),
                List.of(first));
        assertThat(swapped).isEqualTo(new Verdict.New());
        // the same numbers in the same order, with a date line added: still the same story
        Verdict copy = Verdict.classify(
                candidate(
                        "b",
                        "http://b/9.html",
                        item("县政府办公室信息公开", "<p>发布时间：2023年9月5日</p>" + page.formatted(1, 0), "2023-09-05")),
                List.of(first));
        assertThat(copy).isInstanceOf(Verdict.SameAs.class);
    }

    @Test
    void issueNumbersSwappedBetweenKindsStayApart() {
        String body = "<p>现将有关事项通知如下：请各单位按照要求，认真做好本期信息报送工作，确保数据真实准确、报送及时完整，" + "逾期未报送的将予以通报。</p>";
        Neighbour first = known(1, "a", "http://a/1.html", item("2023年第3期 第12号 信息报送通知", body, "2023-09-05"));
        Verdict other = Verdict.classify(
                candidate("b", "http://b/1.html", item("2023年第12期 第3号 信息报送通知", body, "2023-09-05")), List.of(first));
        assertThat(other).isEqualTo(new Verdict.New());
    }

    static ExtractedItem item(String title, String html, String day) {
        return new ExtractedItem(
                null, "http://x/", title, null, html, OffsetDateTime.parse(day + "T10:00:00+08:00"), true);
    }

    static Candidate candidate(String source, String url, ExtractedItem item) {
        return FromPrints.candidate(source, url, null, TextPrints.of(item));
    }

    static Neighbour known(long seq, String source, String url, ExtractedItem item) {
        TextPrint print = TextPrints.of(item);
        return FromPrints.neighbour(seq, "id" + seq, source, url, null, false, print);
    }
}
