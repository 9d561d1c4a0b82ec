package org.smtpgw.scanner.mime;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * The file name of a MIME part: {@code Content-Disposition: filename}, else {@code Content-Type: name}.
 *
 * <p>Decoded as mail clients do: RFC 2231 parameter encoding and continuations ({@code filename*=UTF-8''%E2...},
 * {@code filename*0*=...}, see {@link Rfc2231}), then RFC 2047 encoded words
 * ({@code "=?UTF-8?B?...?="}; not allowed inside parameters by the RFC, but sent by many mailers), and raw UTF-8
 * bytes. Stateless.
 */
public final class PartNames {

    private PartNames() {
    }

    /** The name given by these header fields of one part, if any. */
    public static Optional<String> nameOf(List<Field> fields) {
        Optional<String> fromDisposition = parameter(fields, "content-disposition", "filename");
        return fromDisposition.isPresent() ? fromDisposition : parameter(fields, "content-type", "name");
    }

    static Optional<String> parameter(List<Field> fields, String fieldName, String parameter) {
        for (Field field : fields) {
            if (!field.getName().equalsIgnoreCase(fieldName)) {
                continue;
            }
            RawBody body = field instanceof RawField raw
                ? RawFieldParser.DEFAULT.parseRawBody(raw)
                : RawFieldParser.DEFAULT.parseRawBody(new RawField(field.getName(), field.getBody()));
            return Rfc2231.parameter(body.getParams(), parameter)
                .filter(value -> !value.isBlank())
                .map(PartNames::clean);
        }
        return Optional.empty();
    }

    private static String clean(String value) {
        String name = utf8IfRaw(value);
        if (name.contains("=?")) {
            name = DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
        }
        return name.trim();
    }

    // mime4j hands header bytes over one char per byte; names sent as raw UTF-8 (RFC 6532) are re-read as UTF-8.
    private static String utf8IfRaw(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                .toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }
}
