package org.albatross.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Prints what the test's daemon logged when a test fails: the daemon runs in a process of its own. Right after the
 * test method, before {@code @AfterEach} and the {@code @TempDir} the log is in are done with (a {@code TestWatcher}
 * is told only once the temporary directory is deleted).
 */
final class DaemonLogOnFailure implements AfterTestExecutionCallback {
    private final Supplier<DaemonProcess> daemon;

    DaemonLogOnFailure(Supplier<DaemonProcess> daemon) {
        this.daemon = daemon;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        DaemonProcess failed = daemon.get();
        // a test skipped by an assumption ends with an exception too, but nothing failed
        if (failed != null && context.getExecutionException().filter(e -> !(e instanceof TestAbortedException))
                .isPresent()) {
            System.err.println(context.getDisplayName() + " failed; albatrossd's output:\n" + failed.log());
        }
    }
}
