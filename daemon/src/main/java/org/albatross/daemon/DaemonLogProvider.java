package org.albatross.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding to Logback for the shipped daemon ({@code -Dslf4j.provider}, bin/albatrossd): Logback's own
 * provider with its start-up left out. Logback's provider checks its jars' versions and looks for configurators
 * through the {@link java.util.ServiceLoader}, each of which opens every jar of the class path (some 40, 30 ms of a
 * cold start), and prints its status with {@code java.time}'s formatting; this one configures the context with
 * {@link DaemonLogging} directly. An operator's Logback file ({@code -Dlogback.configurationFile}) is read by
 * Logback's own initialisation, as before.
 */
public final class DaemonLogProvider implements SLF4JServiceProvider {
    /** The SLF4J API version this provider is written for (Logback 1.5's). */
    private static final String API_VERSION = "2.0.99";

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        DaemonLogging defaults = new DaemonLogging();
        defaults.setContext(context);
        if (defaults.configure(context) == Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY) {
            operatorsFile();
        }
        context.start();
    }

    /** As Logback's own provider reads it, and prints its problems unless the file installs a status listener. */
    private void operatorsFile() {
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            // recorded in the context's status, printed below
        }
        if (!StatusUtil.contextHasStatusListener(context)) {
            new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }
}
