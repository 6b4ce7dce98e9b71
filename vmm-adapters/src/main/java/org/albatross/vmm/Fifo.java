package org.albatross.vmm;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the named pipes (FIFOs) that carry tenders' consoles. The JDK has no public call for mkfifo(3), and a
 * {@code mkfifo} process per create costs more than the rest of a Solo5 launch, so the JDK's own {@code mknod} of
 * {@code sun.nio.fs} is used where the JVM opens that package ({@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED},
 * which the launchers pass); it has the same signature from JDK 8 to 25. Without it, a {@code mkfifo} process makes
 * each FIFO, as before, and the log says once how to avoid that.
 */
final class Fifo {
    private static final Logger LOG = LoggerFactory.getLogger(Fifo.class);
    /** S_IFIFO | 0600: only the daemon's user reads or writes a console. */
    private static final int FIFO_MODE = 0010000 | 0600;
    private static final Optional<Method> MKNOD = mknod();

    private Fifo() {
    }

    /** Makes a FIFO at {@code path}, which must not exist; {@code host} runs {@code mkfifo} where the JDK cannot. */
    static void make(Path path, HostCommand host) throws IOException {
        if (MKNOD.isEmpty()) {
            try {
                host.run(List.of("mkfifo", "-m", "600", path.toString()));
            } catch (HostCommandFailed e) {
                throw new IOException(e.getMessage(), e);
            }
            return;
        }
        try {
            MKNOD.get().invoke(null, path, FIFO_MODE, 0L);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot make the FIFO " + path + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("sun.nio.fs's mknod was made accessible", e);
        }
    }

    private static Optional<Method> mknod() {
        try {
            Method mknod = Class.forName("sun.nio.fs.UnixNativeDispatcher").getDeclaredMethod("mknod",
                    Class.forName("sun.nio.fs.UnixPath"), int.class, long.class);
            mknod.setAccessible(true);
            return Optional.of(mknod);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            LOG.info("console FIFOs are made by a mkfifo process per unikernel: this JVM does not open sun.nio.fs "
                    + "(start it with --add-opens java.base/sun.nio.fs=ALL-UNNAMED, as bin/albatrossd does)");
            return Optional.empty();
        }
    }
}
