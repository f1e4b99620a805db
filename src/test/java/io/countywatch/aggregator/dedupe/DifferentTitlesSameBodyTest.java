package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two different stories whose pages yield the same body text (a site template whose body extraction picked up
 * the same boilerplate, or a fixture written lazily) must not collapse into one item: the titles decide.
 */
class DifferentTitlesSameBodyTest {

    private static final String BODY = "<p>9月8日，县政府召开专题会议，研究部署近期重点工作。会议指出，各乡镇、各部门要进一步提高思想认识，"
            + "压实工作责任，确保各项任务按时保质完成。</p><p>会议强调，要坚持问题导向，聚焦群众关心的热点难点问题，细化工作措施，"
            + "加强督促检查，切实把各项部署落到实处。</p>";

    private static ExtractedItem item(String url, String title) {
        return new ExtractedItem(null, url, title, null, BODY, OffsetDateTime.parse("2023-09-08T10:00:00+08:00"), true);
    }

    @Test
    void sameBodyUnderUnrelatedTitlesIsTwoStories() {
        var stored = TextPrints.of(item("http://a.example/1.html", "孝南区召开第二次全国污染源普查成果应用工作推进会"));
        var known = FromPrints.neighbour(1, "x", "xiaonan", "http://a.example/1.html", null, false, stored);
        var candidate = FromPrints.candidate(
                "yingcheng",
                "http://b.example/2.html",
                null,
                TextPrints.of(item("http://b.example/2.html", "应城市人民政府关于开展第五次全国经济普查的通告")));
        assertThat(Verdict.classify(candidate, List.of(known))).isInstanceOf(Verdict.New.class);
        var sameSource = FromPrints.candidate(
                "xiaonan",
                "http://a.example/3.html",
                null,
                TextPrints.of(item("http://a.example/3.html", "孝南区开展秋季森林防火专项检查行动")));
        assertThat(Verdict.classify(sameSource, List.of(known))).isInstanceOf(Verdict.New.class);
    }

    @Test
    void sameBodyUnderARepostTitleIsOneStory() {
        var stored = TextPrints.of(item("http://a.example/1.html", "孝南区召开第二次全国污染源普查成果应用工作推进会"));
        var known = FromPrints.neighbour(1, "x", "xiaonan", "http://a.example/1.html", null, false, stored);
        var candidate = FromPrints.candidate(
                "farm",
                "http://farm.example/9.html",
                null,
                TextPrints.of(item("http://farm.example/9.html", "转载：孝南区召开第二次全国污染源普查成果应用工作推进会_孝感新闻网")));
        assertThat(Verdict.classify(candidate, List.of(known))).isInstanceOf(Verdict.SameAs.class);
    }
}
