package io.countywatch.aggregator.config;

import static io.countywatch.aggregator.config.SourcesFileLoaderTest.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bounds of SourcesFileLimits: each refused with a message naming the file, the line and the limit. */
class SourcesFileLimitsTest {

    @TempDir
    Path dir;

    private final SourcesFileLoader loader = new SourcesFileLoader();

    @ParameterizedTest(name = "{0}")
    @MethodSource("overTheLimits")
    void refusesWhatIsOverALimitNamingIt(String kind, String yaml, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("sources.yml"), yaml, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage(expected);
    }

    static Stream<Arguments> overTheLimits() {
        String deepRegex = "(".repeat(150) + "a" + ")".repeat(150);
        return Stream.of(
                arguments(
                        "lookbehind",
                        minimal("    include: [\"(?<=孝昌)县\"]"),
                        "sources.yml:5 sources[0].include[0]: invalid regex \"(?<=孝昌)县\": lookbehind is not"
                                + " supported (RE2 syntax)"),
                arguments(
                        "negative lookahead",
                        minimal("    exclude: [\"^(?!通知)\"]"),
                        "sources.yml:5 sources[0].exclude[0]: invalid regex \"^(?!通知)\": negative lookahead is not"
                                + " supported (RE2 syntax)"),
                arguments(
                        "backreference",
                        minimal("    exclude: [\"(县)\\\\1\"]"),
                        "sources.yml:5 sources[0].exclude[0]: invalid regex \"(县)\\1\": backreferences (\\1) are not"
                                + " supported (RE2 syntax)"),
                arguments(
                        "deeply nested regex",
                        minimal("    include: [\"" + deepRegex + "\"]"),
                        "sources.yml:5 sources[0].include[0]: invalid regex \"" + deepRegex.substring(0, 100)
                                + "…\" (301 characters): groups nest more than 100 deep"),
                arguments(
                        "nested counted repetitions",
                        minimal("    include: [\"(a{1000}){1000}\"]"),
                        "sources.yml:5 sources[0].include[0]: invalid regex \"(a{1000}){1000}\": counted repetitions"
                                + " multiply to 1000000, more than 1000 (RE2's limit)"),
                arguments(
                        "long selector chain",
                        minimal("    next: \"" + "div ".repeat(40) + "a\""),
                        "sources.yml:5 sources[0].next: invalid selector \"" + "div ".repeat(25)
                                + "…\" (161 characters): more than 32 combinators (descendant, >, +, ~) in one"
                                + " selector"),
                arguments(
                        "deeply nested selector",
                        minimal("    next: \"" + "a:has(".repeat(9) + "b" + ")".repeat(9) + "\""),
                        "sources.yml:5 sources[0].next: invalid selector \"" + "a:has(".repeat(9) + "b" + ")".repeat(9)
                                + "\": parentheses nest more than 8 deep"),
                arguments(
                        "lookbehind in a selector's :matches",
                        minimal("    next: \"a:matches((?<=第)\\\\d+页)\""),
                        "sources.yml:5 sources[0].next: invalid selector \"a:matches((?<=第)\\d+页)\": regex"
                                + " \"(?<=第)\\d+页\": lookbehind is not supported (RE2 syntax)"),
                arguments(
                        "backreference in an attribute regex",
                        minimal("    next: \"a[href~=(p)\\\\1]\""),
                        "sources.yml:5 sources[0].next: invalid selector \"a[href~=(p)\\1]\": regex \"(p)\\1\":"
                                + " backreferences (\\1) are not supported (RE2 syntax)"),
                arguments(
                        "lookbehind after a character class in an attribute regex",
                        minimal("    next: \"a[href~=[0-9]+(?<!x)]\""),
                        "sources.yml:5 sources[0].next: invalid selector \"a[href~=[0-9]+(?<!x)]\": regex"
                                + " \"[0-9]+(?<!x)\": negative lookbehind is not supported (RE2 syntax)"),
                arguments(
                        "long line",
                        minimal("    name: " + "长".repeat(20_000)),
                        "sources.yml:5: line is 20010 characters long; lines are limited to 8192 and values to"
                                + " 4096"),
                arguments(
                        "long value over several lines",
                        minimal("    name: >", ("      " + "x".repeat(1000) + "\n").repeat(5)),
                        "sources.yml:5 sources[0].name: value is 5005 characters long; values are limited to"
                                + " 4096"));
    }

    @Test
    void acceptsTheRegexesAndSelectorsAdminsWrite() throws IOException {
        Path file = Files.writeString(
                dir.resolve("sources.yml"),
                minimal(
                        "    include: [\"^(通知|公告){1,3}\", \"[(?=]县\", \"\\\\(?<=\", \"a{2}(b{10}){99}\"]",
                        "    exclude: [\"(?i)test\", \"(?P<n>x)\", \"\\\\Q(?!\\\\E\"]",
                        "    next: \"div.page > a:contains(下一页), a[title='(?<=x)'], a:matchesOwn(^(下一页|下页)$)\"",
                        "    list:",
                        "      item: \"" + "div ".repeat(32) + "li\"",
                        "      link: \"a:not(:has(img))\"",
                        "      title: \"a:nth-child(2n+1)\""),
                StandardCharsets.UTF_8);

        assertThat(loader.load(file).sources()).hasSize(1);
    }

    @Test
    void refusesADeviceAtOnce() {
        assertThatThrownBy(() -> loader.load(Path.of("/dev/zero")))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage("zero: /dev/zero is not a regular file (a device, pipe or socket); the sources file must"
                        + " be a plain file");
    }

    @Test
    void refusesAFileOverTheSizeLimitWithoutReadingIt() throws IOException {
        Path file = dir.resolve("sources.yml");
        try (var channel = java.nio.channels.FileChannel.open(
                file, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), 32 * 1024 * 1024); // sparse, one byte over 32 MB
        }

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SourcesFileException.class)
                .hasMessage("sources.yml: " + file.toAbsolutePath() + " is 33554433 bytes, over the 32 MB limit for a"
                        + " sources file");
    }

    @Test
    void loadsACountryOfThirtyThousandSources() throws IOException {
        Path file = Files.writeString(dir.resolve("sources.yml"), CountrySources.yaml(30_000), StandardCharsets.UTF_8);

        assertThat(Files.size(file)).isGreaterThan(10_000_000L);
        assertThat(loader.load(file).sources()).hasSize(30_000);
    }
}
