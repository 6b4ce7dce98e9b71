package org.albatross.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints what the test's daemon logged when a test fails: the daemon runs in a process of its own. */
final class DaemonLogOnFailure implements TestWatcher {
    private final Supplier<DaemonProcess> daemon;

    DaemonLogOnFailure(Supplier<DaemonProcess> daemon) {
        this.daemon = daemon;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println(context.getDisplayName() + " failed; albatrossd's output:\n" + daemon.get().log());
    }
}
