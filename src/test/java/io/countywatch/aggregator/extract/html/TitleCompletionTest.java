package io.countywatch.aggregator.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleCompletionTest {

    @ParameterizedTest
    @CsvSource({
        "关于做好秋季森林防火工作的…, true",
        "关于做好秋季森林防火工作的..., true",
        "关于做好秋季森林防火工作的.., true",
        "关于做好秋季森林防火工作的．．．, true",
        "关于做好秋季森林防火工作的通知, false",
        "2023年第3期, false",
        "县政府召开常务会议。, false"
    })
    void recognisesTheMarksListsCutTitlesWith(String title, boolean cut) {
        assertThat(TitleCompletion.looksCut(title)).isEqualTo(cut);
    }

    @Test
    void completesACutTitleFromTheLongestCandidateItStarts() {
        assertThat(TitleCompletion.complete(
                        "孝昌县召开2023年秋季森林防火…", List.of("孝昌县召开2023年秋季森林防火工作部署会", "工作动态", "孝昌县召开2023年秋季森林防火工作部署会暨安全生产会议")))
                .contains("孝昌县召开2023年秋季森林防火工作部署会暨安全生产会议");
    }

    @Test
    void completesATitleThatIsAPrefixWithoutAnyMark() {
        assertThat(TitleCompletion.complete("县人社局举办就业援助月", List.of("县人社局举办就业援助月专场招聘会")))
                .contains("县人社局举办就业援助月专场招聘会");
    }

    @Test
    void ignoresWhiteSpaceWhenMatchingThePrefix() {
        assertThat(TitleCompletion.complete("小河镇：党建引领 乡村…", List.of("小河镇：党建引领乡村振兴 特色产业见实效")))
                .contains("小河镇：党建引领乡村振兴 特色产业见实效");
    }

    @Test
    void keepsTheListTitleWhenNoCandidateExtendsIt() {
        assertThat(TitleCompletion.complete("关于开展安全生产大检查的通知", List.of("通知公告", "关于开展安全生产大检查的通知")))
                .isEmpty();
        assertThat(TitleCompletion.complete("…", List.of("任何标题"))).isEmpty();
    }
}
