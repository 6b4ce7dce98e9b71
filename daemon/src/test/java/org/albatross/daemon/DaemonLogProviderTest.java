package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The shipped daemon's SLF4J binding: Logback set up by {@link DaemonLogging}, or by the operator's own file. */
class DaemonLogProviderTest {
    @TempDir
    Path directory;

    @Test
    void withoutAFileOfTheOperatorsTheDaemonsLinesGoToStandardError() {
        DaemonLogProvider provider = new DaemonLogProvider();

        provider.initialize();

        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("stderr")).isNotNull();
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.isStarted()).isTrue();
        assertThat(provider.getMDCAdapter()).isNotNull();
        assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
    }

    @Test
    void aLogbackFileNamedByTheOperatorReplacesTheDaemonsSetUp() throws Exception {
        Path file = Files.writeString(directory.resolve("logback.xml"), """
                <configuration>
                  <appender name="operators" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="operators"/></root>
                </configuration>
                """);
        String before = System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY);
        System.setProperty(ContextInitializer.CONFIG_FILE_PROPERTY, file.toString());
        DaemonLogProvider provider = new DaemonLogProvider();
        try {
            provider.initialize();
        } finally {
            if (before == null) {
                System.clearProperty(ContextInitializer.CONFIG_FILE_PROPERTY);
            } else {
                System.setProperty(ContextInitializer.CONFIG_FILE_PROPERTY, before);
            }
        }

        ch.qos.logback.classic.Logger root = ((LoggerContext) provider.getLoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("operators")).isNotNull();
        assertThat(root.getAppender("stderr")).isNull();
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
    }
}
