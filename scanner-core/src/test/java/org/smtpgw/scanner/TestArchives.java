package org.smtpgw.scanner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Builds archives in memory for tests, with commons-compress's writers. */
public final class TestArchives {

    private TestArchives() {
    }

    /** Ordered name to content. */
    public static Map<String, byte[]> entries(Object... nameContentPairs) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameContentPairs.length; i += 2) {
            Object content = nameContentPairs[i + 1];
            entries.put((String) nameContentPairs[i], content instanceof byte[] bytes ? bytes
                : content.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return entries;
    }

    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                tarEntry.setSize(entry.getValue().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] sevenZ(Map<String, byte[]> entries) throws IOException {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                SevenZArchiveEntry sevenZEntry = new SevenZArchiveEntry();
                sevenZEntry.setName(entry.getKey());
                sevenZEntry.setSize(entry.getValue().length);
                sevenZ.putArchiveEntry(sevenZEntry);
                sevenZ.write(entry.getValue());
                sevenZ.closeArchiveEntry();
            }
        }
        return java.util.Arrays.copyOf(channel.array(), (int) channel.size());
    }

    public static byte[] gzip(byte[] content, String storedName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipParameters parameters = new GzipParameters();
        if (storedName != null) {
            parameters.setFileName(storedName);
        }
        try (OutputStream gzip = new GzipCompressorOutputStream(out, parameters)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    public static byte[] bzip2(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream bzip2 = new BZip2CompressorOutputStream(out)) {
            bzip2.write(content);
        }
        return out.toByteArray();
    }

    public static byte[] xz(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream xz = new XZCompressorOutputStream(out)) {
            xz.write(content);
        }
        return out.toByteArray();
    }

    /**
     * A zip whose one entry is flagged encrypted (general purpose bit 0, traditional PKWARE encryption), as
     * {@code zip -e} writes it. commons-compress cannot write encrypted entries, so the flag is set in the bytes
     * of a stored entry; a reader must recognise the entry as encrypted without decrypting it.
     */
    public static byte[] zipWithEncryptedEntry(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setMethod(ZipArchiveEntry.STORED);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
        }
        byte[] bytes = out.toByteArray();
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                bytes[i + 6] |= 1; // local file header: general purpose flags at offset 6
            } else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
                bytes[i + 8] |= 1; // central directory header: flags at offset 8
            }
        }
        return bytes;
    }

    /** {@code count} bytes of zeros: compresses to almost nothing. */
    public static byte[] zeros(int count) {
        return new byte[count];
    }
}
