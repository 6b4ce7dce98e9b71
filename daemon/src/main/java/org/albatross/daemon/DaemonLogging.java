package org.albatross.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import org.albatross.config.DaemonConfig;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's logging, set up in code rather than by Logback's XML configurator (which would load an XML parser and
 * some five hundred classes for four lines): {@link DaemonLogFormat} lines to standard error (the journal under
 * systemd), info and above, Netty's from warn. The shipped daemon's binding ({@link DaemonLogProvider}) applies it
 * directly; Logback's own provider, where it is the binding (a daemon run from the class path alone), finds this class
 * as a service. A Logback file named by {@code -Dlogback.configurationFile} replaces these defaults. {@link #apply}
 * then applies the {@code [log]} configuration: the level, and a size-rotated file in place of standard error when
 * {@code log.file} is set.
 */
public final class DaemonLogging extends ContextAwareBase implements Configurator {
    private static final int KEPT_FILES = 5;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setTarget("System.err");
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(started(context, "stderr", stderr));
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void apply(ILoggerFactory factory, DaemonConfig.Log log) {
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(log.level().name()));
        log.file().ifPresent(file -> {
            Appender<ILoggingEvent> appender = rollingFile(context, file.toString(), log.maxFileSize().bytes());
            root.detachAndStopAllAppenders();
            root.addAppender(appender);
        });
    }

    private static Appender<ILoggingEvent> rollingFile(LoggerContext context, String file, long maxBytes) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(file);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT_FILES);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(maxBytes));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        return started(context, "file", appender);
    }

    /** The appender writing {@link DaemonLogFormat} lines, started. */
    private static Appender<ILoggingEvent> started(LoggerContext context, String name,
            OutputStreamAppender<ILoggingEvent> appender) {
        DaemonLogFormat format = new DaemonLogFormat();
        format.setContext(context);
        format.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(format);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
