package io.countywatch.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One version number: the artifact's (pom.xml) is the newest release in the README's changelog. */
class VersionTest {

    private static final Pattern POM_VERSION =
            Pattern.compile("<artifactId>aggregator</artifactId>\\s*<version>([^<]+)</version>");
    // the first numbered entry; an "Unreleased" entry above it (if any) belongs to it
    private static final Pattern CHANGELOG_ENTRY = Pattern.compile("(?m)^- (\\d+\\.\\d+\\.\\d+) — ");

    @Test
    void theArtifactVersionIsTheNewestChangelogVersion() throws IOException {
        Matcher pom = POM_VERSION.matcher(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher changelog = CHANGELOG_ENTRY.matcher(readme.substring(readme.indexOf("## Changelog")));

        assertThat(pom.find()).as("pom.xml names the artifact's version").isTrue();
        assertThat(changelog.find())
                .as("the README's changelog has a numbered entry")
                .isTrue();
        assertThat(pom.group(1).replace("-SNAPSHOT", "")).isEqualTo(changelog.group(1));
    }
}
