package io.countywatch.aggregator.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.DetailSelectors;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DetailPageExtractorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW =
            OffsetDateTime.parse("2023-09-20T12:00:00+08:00").toInstant();
    private static final URI URL = URI.create("http://www.xian.gov.cn/xwzx/202309/t20230918_1.html");

    private static final String PAGE = """
        <html><head><title>县政府召开专题会议研究部署秋冬季安全生产工作_工作动态_某县人民政府</title></head><body>
        <div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> 今天是2023年9月20日</div>
        <div class="position">当前位置：首页 &gt; 工作动态</div>
        <h1>县政府召开专题会议研究部署秋冬季安全生产工作</h1>
        <div class="info">发布时间：2023-09-18 14:17 来源：县应急管理局 浏览次数：35</div>
        <div class="TRS_Editor"><p>9月18日，县政府召开专题会议，研究部署秋冬季安全生产工作，要求各地各部门压实责任。</p>
        <p onclick="steal()">会议强调，要深入排查整治各类风险隐患，坚决遏制重特大事故发生。<a href="javascript:alert(1)">点此</a></p>
        <p><img src="../images/a.jpg"><a href="/files/plan.pdf">附件：实施方案</a></p><script>track()</script></div>
        <div class="bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
        <div>【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
        <div class="footer">版权所有 2003-2023 某县人民政府 主办</div></body></html>\
        """;

    private final DetailPageExtractor extractor = new DetailPageExtractor();

    @Test
    void findsTitleDateOriginAndContentWithoutSelectors() {
        DetailPage page = extractor.extract(PAGE, URL, null, SHANGHAI, NOW);

        assertThat(page.title()).isEqualTo("县政府召开专题会议研究部署秋冬季安全生产工作");
        assertThat(page.date().value()).isEqualTo(OffsetDateTime.parse("2023-09-18T14:17:00+08:00"));
        assertThat(page.origin()).isEqualTo("县应急管理局");
        assertThat(page.content())
                .contains("9月18日，县政府召开专题会议", "坚决遏制重特大事故发生")
                .contains(
                        "src=\"http://www.xian.gov.cn/xwzx/images/a.jpg\"",
                        "href=\"http://www.xian.gov.cn/files/plan.pdf\"")
                .contains("来源：县应急管理局")
                .doesNotContain("分享到", "打印本页", "关闭窗口", "版权所有", "当前位置", "script", "onclick", "javascript:");
    }

    @Test
    void theOriginLineLeadsTheContentButNotTheSummary() {
        DetailPage page = extractor.extract(PAGE, URL, null, SHANGHAI, NOW);

        assertThat(page.content()).startsWith("<p>来源：县应急管理局</p><p>9月18日，县政府召开专题会议");
        assertThat(page.summary())
                .startsWith("9月18日，县政府召开专题会议")
                .contains("坚决遏制重特大事故发生")
                .doesNotContain("来源", "<");
    }

    @Test
    void summaryIsPlainTextOfAtMostAboutThreeHundredCharacters() {
        String longText = "县政府召开专题会议。".repeat(80);
        String html = "<html><body><h1>标题标题标题</h1><div id='zoom'><p>" + longText + "</p></div></body></html>";

        DetailPage page = extractor.extract(html, URL, null, SHANGHAI, NOW);

        assertThat(page.summary()).doesNotContain("<").endsWith("…");
        assertThat(page.summary().codePointCount(0, page.summary().length())).isLessThanOrEqualTo(300);
    }

    @Test
    void usesTheDetailSelectorsWhenGiven() {
        String html = """
            <html><body><div class="art-title">关于印发某县城区道路交通安全综合整治实施方案的通知</div>
            <div class="art-meta">日期：2023年09月15日</div>
            <div class="art-body"><p>各乡镇人民政府，县政府各部门：现将方案印发给你们，请认真贯彻执行。</p></div>
            <div class="other"><p>这是一个很长很长很长很长很长很长很长很长很长很长很长很长很长很长的其他段落。</p>
            <p>这是一个很长很长很长很长很长很长很长很长很长很长很长很长很长很长的其他段落。</p></div></body></html>\
            """;
        DetailSelectors selectors = new DetailSelectors("div.art-title", "div.art-body", "div.art-meta");

        DetailPage page = extractor.extract(html, URL, selectors, SHANGHAI, NOW);

        assertThat(page.title()).isEqualTo("关于印发某县城区道路交通安全综合整治实施方案的通知");
        assertThat(page.date().value()).isEqualTo(OffsetDateTime.parse("2023-09-15T00:00:00+08:00"));
        assertThat(page.date().hasTime()).isFalse();
        assertThat(page.content()).contains("现将方案印发给你们").doesNotContain("其他段落");
    }
}
