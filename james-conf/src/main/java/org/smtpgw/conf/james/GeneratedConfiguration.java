package org.smtpgw.conf.james;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The files of James' configuration directory, in a fixed order: file name to content. */
public record GeneratedConfiguration(Map<String, String> files) {

    public GeneratedConfiguration {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public String file(String name) {
        String content = files.get(name);
        if (content == null) {
            throw new IllegalArgumentException("no generated file " + name + "; files: " + files.keySet());
        }
        return content;
    }

    /** Writes every file into {@code confDir} (created if needed), replacing files of the same name. */
    public void writeTo(Path confDir) throws IOException {
        Files.createDirectories(confDir);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(confDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
