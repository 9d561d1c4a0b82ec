package org.smtpgw.scanner.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.smtpgw.scanner.ObjectStatus;

/**
 * What an engine says of the bytes of one object.
 *
 * @param status      never {@link ObjectStatus#FILTERED}: filtering happens before an engine is asked
 * @param virusNames  the names of what was found, empty when clean
 * @param curedContent the disinfected content, present only when {@code status} is {@link ObjectStatus#DISINFECTED}
 * @param reason      why, for {@link ObjectStatus#ERROR} and {@link ObjectStatus#PROTECTED}
 */
public record EngineResult(ObjectStatus status, List<String> virusNames, Optional<byte[]> curedContent,
                           Optional<String> reason) {

    public EngineResult {
        Objects.requireNonNull(status, "status");
        virusNames = List.copyOf(virusNames);
        Objects.requireNonNull(curedContent, "curedContent");
        Objects.requireNonNull(reason, "reason");
        if (curedContent.isPresent() != (status == ObjectStatus.DISINFECTED)) {
            throw new IllegalArgumentException("cured content goes with status DISINFECTED only, was " + status);
        }
    }

    public static EngineResult clean() {
        return new EngineResult(ObjectStatus.CLEAN, List.of(), Optional.empty(), Optional.empty());
    }

    public static EngineResult infected(List<String> virusNames) {
        return new EngineResult(ObjectStatus.INFECTED, virusNames, Optional.empty(), Optional.empty());
    }

    public static EngineResult suspicious(List<String> virusNames) {
        return new EngineResult(ObjectStatus.SUSPICIOUS, virusNames, Optional.empty(), Optional.empty());
    }

    public static EngineResult disinfected(List<String> virusNames, byte[] curedContent) {
        return new EngineResult(ObjectStatus.DISINFECTED, virusNames, Optional.of(curedContent), Optional.empty());
    }

    public static EngineResult protectedObject(String reason) {
        return new EngineResult(ObjectStatus.PROTECTED, List.of(), Optional.empty(), Optional.of(reason));
    }

    public static EngineResult error(String reason) {
        return new EngineResult(ObjectStatus.ERROR, List.of(), Optional.empty(), Optional.of(reason));
    }

    public static EngineResult error(List<String> virusNames, String reason) {
        return new EngineResult(ObjectStatus.ERROR, virusNames, Optional.empty(), Optional.of(reason));
    }
}
