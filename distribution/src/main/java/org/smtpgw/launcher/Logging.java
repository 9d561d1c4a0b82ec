package org.smtpgw.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;

/** Logging: a quiet console default until the generated {@code logback.xml} is written, then that file. */
final class Logging {
    static final String DEFAULT_CONFIGURATION = "org/smtpgw/launcher/logback-default.xml";

    private Logging() {
    }

    /** Must run before anything logs, or logback would pick its own (DEBUG) default. */
    static void useDefaultUnlessConfigured() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", DEFAULT_CONFIGURATION);
        }
    }

    static void configure(Path logbackXml) throws LaunchException {
        if (!Files.exists(logbackXml) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(logbackXml.toFile());
        } catch (JoranException e) {
            throw new LaunchException(ExitCode.CRITICAL, "invalid logging configuration " + logbackXml + ": " + e.getMessage(), e);
        }
    }
}
