package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.items.SourceVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSnapshotTest {

    static final List<SourceVersion> BEFORE = List.of(
            new SourceVersion("anlu", List.of("hubei", "孝感"), 4),
            new SourceVersion("yunmeng", List.of("hubei"), 9),
            new SourceVersion("tongshan", List.of("xianning"), 2));

    @Test
    void changesEveryScopeThatHoldsTheChangedSourceAndNoOther() {
        var before = VersionSnapshot.of(BEFORE);
        var after = VersionSnapshot.of(
                List.of(new SourceVersion("anlu", List.of("hubei", "孝感"), 10), BEFORE.get(1), BEFORE.get(2)));

        for (FeedScope changed :
                List.of(FeedScope.ALL, FeedScope.ofTag("hubei"), FeedScope.ofTag("孝感"), FeedScope.ofSource("anlu"))) {
            assertThat(after.token(changed)).as(changed.toString()).isNotEqualTo(before.token(changed));
        }
        for (FeedScope same :
                List.of(FeedScope.ofTag("xianning"), FeedScope.ofSource("yunmeng"), FeedScope.ofSource("tongshan"))) {
            assertThat(after.token(same)).as(same.toString()).isEqualTo(before.token(same));
        }
    }

    @Test
    void changesATagWhenASourceLeavesIt() {
        var before = VersionSnapshot.of(BEFORE);
        // The source row change bumps the version too; the count alone must already tell a removal.
        var after =
                VersionSnapshot.of(List.of(new SourceVersion("anlu", List.of("孝感"), 4), BEFORE.get(1), BEFORE.get(2)));

        assertThat(after.token(FeedScope.ofTag("hubei"))).isNotEqualTo(before.token(FeedScope.ofTag("hubei")));
    }

    @Test
    void knowsNoTokenForAnUnknownSourceOrTag() {
        var snapshot = VersionSnapshot.of(BEFORE);

        assertThat(snapshot.token(FeedScope.ofSource("nowhere"))).isNull();
        assertThat(snapshot.token(FeedScope.ofTag("nowhere"))).isNull();
        assertThat(snapshot.hasTag("孝感")).isTrue();
        assertThat(snapshot.newest()).isEqualTo(9);
    }
}
