package org.albatross.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.albatross.vmm.ProcStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives HotSpot's compiler threads the normal priority back soon after the daemon is ready. The launcher starts a
 * daemon run by root with them at the lowest (nice 19, lib/launch.sh): a start compiles 130 ms (empty dbdir) to 245 ms
 * (100 tenders adopted) of CPU, which on two cores took the main and state threads' time. Once the daemon serves, they
 * compile its own paths (a create's, the consoles'): at nice 19 on a host busy with tenders those would wait and run
 * interpreted, using more of the host than compiled. HotSpot sets a thread's priority only when it starts the thread,
 * so this runs {@code renice}, which root may (a compiler thread HotSpot adds later for a burst of compiles starts at
 * nice 19).
 */
final class CompilerPriority {
    private static final Logger LOG = LoggerFactory.getLogger(CompilerPriority.class);
    private static final Path THREADS = Path.of("/proc/self/task");
    /**
     * Not at once: at ready C1 still holds the start's queue (hundreds of methods after a restore of 100), which at
     * the normal priority would take the core from the first answer (a client's {@code info} right after ready). Not
     * later either: creates that follow the start in a burst had C1, at nice 19 beside them, take 2.3-2.8 ms of CPU
     * each and ran half interpreted, 0.6 ms slower each than with C1 back at 0.1 s (docs/performance.md, "Session 13
     * (lead)"; two seconds until then).
     */
    private static final Duration AFTER_READY = Duration.ofMillis(100);
    /** The nice value's field in /proc/PID/stat, counted from 1 as proc(5) does. */
    private static final int NICE = 19;

    private CompilerPriority() {
    }

    /**
     * Puts this JVM's lowered compiler threads back to the normal priority {@link #AFTER_READY} from now, on the JDK's
     * delay-scheduler thread.
     */
    static void normalSoonAfterReady() {
        CompletableFuture.delayedExecutor(AFTER_READY.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                .execute(CompilerPriority::normal);
    }

    private static void normal() {
        List<String> lowered = new ArrayList<>();
        try (Stream<Path> threads = Files.list(THREADS)) {
            for (Path thread : threads.toList()) {
                if (isLoweredCompiler(stat(thread))) {
                    lowered.add(thread.getFileName().toString());
                }
            }
        } catch (IOException notLinux) {
            return; // the launcher lowers them on Linux only
        }
        if (lowered.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("renice", "0", "-p"));
        command.addAll(lowered);
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (renice.waitFor() != 0) {
                LOG.warn("the compiler's threads stay at the lowest priority: {} said: {}", command, said);
            }
        } catch (IOException e) {
            LOG.warn("the compiler's threads stay at the lowest priority: {}: {}", command, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread's /proc/PID/stat line, or nothing if it ended since it was listed (the start's threads end). */
    private static String stat(Path thread) {
        try {
            return Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException ended) {
            return "";
        }
    }

    /**
     * Whether {@code stat}, a thread's /proc/PID/stat line, is one of HotSpot's compiler threads ("C1 CompilerThread0"
     * and its code sweeper, their names cut to 15 characters) running below the normal priority.
     */
    static boolean isLoweredCompiler(String stat) {
        String name = ProcStat.name(stat).orElse("");
        boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                || name.equals("Sweeper thread");
        return compiler && ProcStat.field(stat, NICE).map(nice -> Integer.parseInt(nice) > 0).orElse(false);
    }
}
