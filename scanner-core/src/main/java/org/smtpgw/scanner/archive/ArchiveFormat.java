package org.smtpgw.scanner.archive;

import java.util.Arrays;
import java.util.Optional;

import org.smtpgw.scanner.detect.MagicTypeDetector;

/** The container formats unpacked through commons-compress, by the type {@link MagicTypeDetector} detects. */
public enum ArchiveFormat {
    ZIP(MagicTypeDetector.ZIP, "zip archive"),
    TAR(MagicTypeDetector.TAR, "tar archive"),
    SEVEN_Z(MagicTypeDetector.SEVEN_Z, "7z archive"),
    GZIP(MagicTypeDetector.GZIP, "gzip stream"),
    BZIP2(MagicTypeDetector.BZIP2, "bzip2 stream"),
    XZ(MagicTypeDetector.XZ, "xz stream");

    private final String detectedType;
    private final String description;

    ArchiveFormat(String detectedType, String description) {
        this.detectedType = detectedType;
        this.description = description;
    }

    public static Optional<ArchiveFormat> ofDetectedType(String detectedType) {
        return Arrays.stream(values()).filter(format -> format.detectedType.equals(detectedType)).findFirst();
    }

    /** Whether it holds one compressed file rather than a set of named entries. */
    public boolean isSingleStream() {
        return this == GZIP || this == BZIP2 || this == XZ;
    }

    public String description() {
        return description;
    }
}
