package org.smtpgw.scanner.builtin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.smtpgw.scanner.ObjectStatus;
import org.smtpgw.scanner.engine.EngineResult;

/**
 * The EICAR test file and its prefixed variants (manual, section 8.2, Table 1), each standing for one kind of
 * scan result so an administrator can try every status and action of the gateway with harmless files.
 *
 * <table>
 *   <caption>Variants</caption>
 *   <tr><th>prefix</th><th>status, cure off</th><th>status, cure on</th><th>virus name</th></tr>
 *   <tr><td>none</td><td>infected</td><td>infected (disinfection fails)</td><td>EICAR-Test-File</td></tr>
 *   <tr><td>CORR-</td><td>error (corrupted)</td><td>error</td><td>-</td></tr>
 *   <tr><td>SUSP-</td><td>suspicious (unknown virus code)</td><td>suspicious</td><td>EICAR-Test-File.unknown</td></tr>
 *   <tr><td>WARN-</td><td>suspicious (modified known virus)</td><td>suspicious</td><td>EICAR-Test-File.modified</td></tr>
 *   <tr><td>ERRO-</td><td>error (scan error)</td><td>error</td><td>-</td></tr>
 *   <tr><td>CURE-</td><td>infected</td><td>disinfected, content becomes {@code CURED}</td><td>EICAR-Test-File</td></tr>
 *   <tr><td>DELE-</td><td>infected</td><td>infected (cannot be disinfected)</td><td>EICAR-Test-File</td></tr>
 * </table>
 */
public enum EicarVariant {
    STANDARD(""),
    CORRUPTED("CORR"),
    SUSPICIOUS_UNKNOWN("SUSP"),
    SUSPICIOUS_MODIFIED("WARN"),
    SCAN_ERROR("ERRO"),
    CURABLE("CURE"),
    DELETABLE("DELE");

    /** The standard 68-byte EICAR test string. */
    public static final String EICAR =
        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    public static final String VIRUS_NAME = "EICAR-Test-File";
    /** What a disinfected {@code CURE-} file contains. */
    public static final byte[] CURED_CONTENT = "CURED".getBytes(StandardCharsets.US_ASCII);
    /** The EICAR string and the whitespace after it take at most this many bytes (EICAR's own rule). */
    static final int MAX_EICAR_PART = 128;

    private static final byte[] EICAR_BYTES = EICAR.getBytes(StandardCharsets.US_ASCII);
    /** The en dash (U+2013, UTF-8) the manual prints instead of a hyphen; accepted for copy-and-paste. */
    private static final byte[] EN_DASH = {(byte) 0xE2, (byte) 0x80, (byte) 0x93};

    private final String prefix;

    EicarVariant(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix without its dash, empty for the standard file. */
    public String prefix() {
        return prefix;
    }

    /** A test file of this variant: the prefix with a hyphen, then the EICAR string. */
    public byte[] testFile() {
        return ((prefix.isEmpty() ? "" : prefix + "-") + EICAR).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The variant {@code content} is, if any: an optional prefix with a hyphen, the EICAR string at the start of the
     * rest, then only whitespace (space, tab, CR, LF, Ctrl-Z) up to {@value #MAX_EICAR_PART} bytes.
     */
    public static Optional<EicarVariant> detect(byte[] content) {
        for (EicarVariant variant : values()) {
            if (variant == STANDARD) {
                if (isEicarAt(content, 0)) {
                    return Optional.of(STANDARD);
                }
                continue;
            }
            byte[] prefix = variant.prefix.getBytes(StandardCharsets.US_ASCII);
            if (!startsWith(content, 0, prefix)) {
                continue;
            }
            int at = prefix.length;
            if (at < content.length && content[at] == '-') {
                at += 1;
            } else if (startsWith(content, at, EN_DASH)) {
                at += EN_DASH.length;
            } else {
                continue;
            }
            if (isEicarAt(content, at)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }

    /** What the engine reports for this variant. */
    public EngineResult result(boolean cure) {
        return switch (this) {
            case STANDARD -> cure
                ? infected("disinfection of the test file failed (by design of the standard test file)")
                : EngineResult.infected(List.of(VIRUS_NAME));
            case CORRUPTED -> EngineResult.error("the object is corrupted (CORR- test file)");
            case SUSPICIOUS_UNKNOWN -> EngineResult.suspicious(List.of(VIRUS_NAME + ".unknown"));
            case SUSPICIOUS_MODIFIED -> EngineResult.suspicious(List.of(VIRUS_NAME + ".modified"));
            case SCAN_ERROR -> EngineResult.error("error while scanning the object (ERRO- test file)");
            case CURABLE -> cure
                ? EngineResult.disinfected(List.of(VIRUS_NAME), CURED_CONTENT.clone())
                : EngineResult.infected(List.of(VIRUS_NAME));
            case DELETABLE -> cure
                ? infected("the object cannot be disinfected (DELE- test file)")
                : EngineResult.infected(List.of(VIRUS_NAME));
        };
    }

    private static EngineResult infected(String reason) {
        return new EngineResult(ObjectStatus.INFECTED, List.of(VIRUS_NAME), Optional.empty(), Optional.of(reason));
    }

    private static boolean isEicarAt(byte[] content, int at) {
        if (!startsWith(content, at, EICAR_BYTES) || content.length - at > MAX_EICAR_PART) {
            return false;
        }
        for (int i = at + EICAR_BYTES.length; i < content.length; i++) {
            byte b = content[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x1A) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] content, int at, byte[] expected) {
        if (content.length - at < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
