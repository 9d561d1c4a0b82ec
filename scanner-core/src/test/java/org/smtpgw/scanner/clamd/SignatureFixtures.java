package org.smtpgw.scanner.clamd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The objects the tests scan and the private database that recognises them. clamd appends
 * {@code .UNOFFICIAL} to the names of signatures from unsigned databases.
 */
final class SignatureFixtures {
    /** The 68-byte EICAR test file; ClamAV's own EICAR signature lives in main.cvd, absent here. */
    static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
        .getBytes(StandardCharsets.US_ASCII);
    static final String EICAR_NAME = "Smtpgw.Test.EICAR.UNOFFICIAL";

    /** Recognised by its MD5 and size (test.hdb). */
    static final byte[] HASHED = "an attachment known by its hash\n".getBytes(StandardCharsets.US_ASCII);
    static final String HASHED_NAME = "Smtpgw.Test.Hash.UNOFFICIAL";

    /** Recognised by a body pattern anywhere in the object (test.ndb). */
    static final String BODY_MARKER = "SMTPGW-TEST-BODY-MARKER";
    static final String BODY_NAME = "Smtpgw.Test.Body.UNOFFICIAL";

    static final byte[] CLEAN = "Dear colleague, the minutes are attached.\r\n".getBytes(StandardCharsets.US_ASCII);

    private SignatureFixtures() {
    }

    static byte[] withBodyMarker(String before, String after) {
        return (before + BODY_MARKER + after).getBytes(StandardCharsets.US_ASCII);
    }

    static String hdb() {
        return md5(HASHED) + ":" + HASHED.length + ":Smtpgw.Test.Hash\n";
    }

    static String ndb() {
        HexFormat hex = HexFormat.of();
        return "Smtpgw.Test.Body:0:*:" + hex.formatHex(BODY_MARKER.getBytes(StandardCharsets.US_ASCII)) + "\n"
            + "Smtpgw.Test.EICAR:0:0:" + hex.formatHex(EICAR) + "\n";
    }

    /** A clamd with this database, a 1 MiB StreamMaxLength and alerts on encrypted archives. */
    static ClamdProcess.Options clamdOptions() {
        return ClamdProcess.options()
            .signatureFile("test.hdb", hdb())
            .signatureFile("test.ndb", ndb())
            .streamMaxLength("1M")
            .line("AlertEncrypted yes");
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
