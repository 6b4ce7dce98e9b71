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
 * Makes the named pipes (FIFOs) that carry tenders' consoles, and opens them by descriptor. The JDK has no public
 * call for mkfifo(3), and a {@code mkfifo} process per create costs more than the rest of a Solo5 launch, so the
 * JDK's own {@code mknod} of {@code sun.nio.fs} is used where the JVM opens that package ({@code --add-opens
 * java.base/sun.nio.fs=ALL-UNNAMED}, which the launchers pass); it has the same signature from JDK 8 to 25. Without
 * it, a {@code mkfifo} process makes each FIFO, as before, and the log says once how to avoid that. The same
 * package's {@code open} gives a FIFO's descriptor, non-blocking, which epoll can wait on; the JDK's streams hide it.
 */
final class Fifo {
    private static final Logger LOG = LoggerFactory.getLogger(Fifo.class);
    /** S_IFIFO | 0600: only the daemon's user reads or writes a console. */
    private static final int FIFO_MODE = 0010000 | 0600;
    /** O_RDWR | O_NONBLOCK | O_CLOEXEC, as Linux numbers them: only on Linux is a FIFO waited on by epoll. */
    private static final int READ_WRITE_NON_BLOCKING = 02 | 04000 | 02000000;
    /** What the JVM needs for both calls below; the launchers pass it. */
    static final String OPENS_SUN_NIO_FS = "start it with --add-opens java.base/sun.nio.fs=ALL-UNNAMED, as "
            + "bin/albatrossd does";
    private static final Optional<Method> MKNOD = mknod();
    private static final Optional<Method> OPEN = unixCall("open", int.class, int.class);

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

    /** Whether {@link #openNonBlocking} works in this JVM. */
    static boolean opensDescriptors() {
        return OPEN.isPresent();
    }

    /**
     * Opens the FIFO at {@code path} for reading and writing without blocking, as a descriptor of its own: held open
     * for writing too, a FIFO neither waits for a writer when opened nor reads as ended when its tender ends.
     *
     * @throws IllegalStateException unless {@link #opensDescriptors}
     */
    static int openNonBlocking(Path path) throws IOException {
        try {
            return (int) OPEN.orElseThrow(() -> new IllegalStateException("this JVM does not open sun.nio.fs"))
                    .invoke(null, path, READ_WRITE_NON_BLOCKING, 0);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot open the FIFO " + path + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("sun.nio.fs's open was made accessible", e);
        }
    }

    private static Optional<Method> mknod() {
        Optional<Method> mknod = unixCall("mknod", int.class, long.class);
        if (mknod.isEmpty()) {
            LOG.info("console FIFOs are made by a mkfifo process per unikernel: this JVM does not open sun.nio.fs ({})",
                    OPENS_SUN_NIO_FS);
        }
        return mknod;
    }

    /** {@code sun.nio.fs.UnixNativeDispatcher}'s {@code name(UnixPath, after...)}, if this JVM opens it to us. */
    private static Optional<Method> unixCall(String name, Class<?>... after) {
        try {
            Class<?>[] parameters = new Class<?>[after.length + 1];
            parameters[0] = Class.forName("sun.nio.fs.UnixPath");
            System.arraycopy(after, 0, parameters, 1, after.length);
            Method call = Class.forName("sun.nio.fs.UnixNativeDispatcher").getDeclaredMethod(name, parameters);
            call.setAccessible(true);
            return Optional.of(call);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
