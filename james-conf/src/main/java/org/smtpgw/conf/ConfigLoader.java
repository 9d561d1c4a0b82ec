package org.smtpgw.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.smtpgw.conf.ini.IniReader;
import org.smtpgw.conf.ini.RawFile;

/**
 * Reads and checks {@code smtpgw.conf}.
 *
 * <pre>{@code
 * LoadResult r = ConfigLoader.load(Path.of("conf/smtpgw.conf"), home);
 * r.problems().forEach(System.err::println);   // every problem, not only the first
 * GatewayConfig c = r.config().orElseThrow();  // present iff no ERROR
 * }</pre>
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param smtpgwConf the file; its name as given here is the one used in messages
     * @param homeDir    the distribution home; relative paths in the file are relative to it
     * @throws ConfigUnreadableException when the file cannot be read (missing, permission, not UTF-8 text)
     */
    public static LoadResult load(Path smtpgwConf, Path homeDir) throws ConfigUnreadableException {
        List<String> lines;
        try {
            lines = Files.readAllLines(smtpgwConf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigUnreadableException(smtpgwConf, e);
        }
        return check(smtpgwConf, lines, homeDir);
    }

    /** Checks content already read; {@code file} only names it in messages and in {@link GatewayConfig#file()}. */
    public static LoadResult check(Path file, List<String> lines, Path homeDir) {
        RawFile raw = IniReader.read(file.toString(), lines);
        return new ConfigValidator(raw, file, homeDir.toAbsolutePath().normalize()).validate();
    }
}
