package org.smtpgw.scanner.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.TestArchives;
import org.smtpgw.scanner.model.ScanLimits;

class ArchiveUnpackerTest {
    private final ArchiveUnpacker unpacker = new ArchiveUnpacker(ScanLimits.DEFAULT);

    private List<UnpackedEntry> readAll(ArchiveFormat format, byte[] container, String name) throws UnpackException {
        EntryReader reader = unpacker.open(format, container, Optional.ofNullable(name),
            new UnpackBudget(ScanLimits.DEFAULT));
        List<UnpackedEntry> entries = new ArrayList<>();
        for (Optional<UnpackedEntry> next = reader.next(); next.isPresent(); next = reader.next()) {
            entries.add(next.get());
        }
        return entries;
    }

    @Test
    void singleStreamEntriesShouldBeNamedAfterTheContainer() {
        assertThat(ArchiveUnpacker.unpackedName(Optional.of("dir/Report.EXE.gz"), ArchiveFormat.GZIP))
            .isEqualTo("Report.EXE");
        assertThat(ArchiveUnpacker.unpackedName(Optional.of("backup.tgz"), ArchiveFormat.GZIP)).isEqualTo("backup.tar");
        assertThat(ArchiveUnpacker.unpackedName(Optional.of("a.tbz2"), ArchiveFormat.BZIP2)).isEqualTo("a.tar");
        assertThat(ArchiveUnpacker.unpackedName(Optional.of("a.txz"), ArchiveFormat.XZ)).isEqualTo("a.tar");
        assertThat(ArchiveUnpacker.unpackedName(Optional.of("strange"), ArchiveFormat.XZ)).isEqualTo("data");
        assertThat(ArchiveUnpacker.unpackedName(Optional.empty(), ArchiveFormat.BZIP2)).isEqualTo("data");
    }

    @Test
    void tarShouldSkipDirectoriesAndLinks() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.putArchiveEntry(new TarArchiveEntry("dir/"));
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("dir/link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("dir/file.txt");
            file.setSize(2);
            tar.putArchiveEntry(file);
            tar.write("hi".getBytes(StandardCharsets.US_ASCII));
            tar.closeArchiveEntry();
        }

        assertThat(readAll(ArchiveFormat.TAR, out.toByteArray(), "a.tar"))
            .extracting(UnpackedEntry::name).containsExactly("dir/file.txt");
    }

    @Test
    void sevenZShouldListEmptyFilesWithoutStream() throws Exception {
        byte[] sevenZ = TestArchives.sevenZ(TestArchives.entries("empty.txt", "", "full.txt", "x"));

        assertThat(readAll(ArchiveFormat.SEVEN_Z, sevenZ, "a.7z"))
            .extracting(UnpackedEntry::name, UnpackedEntry::size)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("empty.txt", 0L),
                org.assertj.core.groups.Tuple.tuple("full.txt", 1L));
    }

    @Test
    void truncatedGzipShouldBeACorruptContainer() throws Exception {
        byte[] gzip = TestArchives.gzip("some content that is long enough".repeat(20)
            .getBytes(StandardCharsets.US_ASCII), null);
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);

        assertThatThrownBy(() -> readAll(ArchiveFormat.GZIP, truncated, "a.gz"))
            .isInstanceOf(UnpackException.class)
            .hasMessageStartingWith("corrupt gzip stream")
            .satisfies(e -> assertThat(((UnpackException) e).status()).isEqualTo(ObjectStatus.ERROR));
    }

    @Test
    void garbageSevenZShouldBeACorruptContainer() {
        byte[] garbage = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4, 1, 2, 3};

        assertThatThrownBy(() -> readAll(ArchiveFormat.SEVEN_Z, garbage, "a.7z"))
            .isInstanceOf(UnpackException.class)
            .hasMessageStartingWith("corrupt 7z archive");
    }

    @Test
    void encryptedZipEntryShouldBeProtectedAndTheNextEntryStillRead() throws Exception {
        byte[] zip = TestArchives.zipWithEncryptedEntry("secret.doc", "xxxxxxxx".getBytes(StandardCharsets.US_ASCII));

        List<UnpackedEntry> entries = readAll(ArchiveFormat.ZIP, zip, "a.zip");

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(ObjectStatus.PROTECTED);
            assertThat(entry.content()).isEmpty();
            assertThat(entry.reason()).contains("encrypted zip entry");
        });
    }
}
