package org.albatross.daemon.supervisor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.protocol.Name;

/**
 * What an earlier daemon left in the run root, looked at for a restore on a thread of its own while the state thread
 * adopts or starts the unikernels: what is left of each ({@link Launcher#previous}), read in their startup order just
 * ahead of its turn, then the strays removed ({@link Launcher#removeStrays}). For 100 unikernels that is 100 monitor
 * records, {@code /proc} entries and exit files and a listing of the run root, some 35 ms of the state thread's CPU
 * while a start runs interpreted. A tender that ends after its reading is found as one that ends after its adoption
 * is: by its exit file, watched from the adoption on.
 */
final class RunDirectorySurvey {
    private final Map<Name, CompletableFuture<Readoption>> found = new HashMap<>();
    private final CompletableFuture<List<String>> strays = new CompletableFuture<>();

    private RunDirectorySurvey() {
    }

    /**
     * Starts reading what is left of each of {@code unikernels}, in their order, each to run the spec given; then
     * removes what runs for none of {@code known}, which holds every name the restore may start.
     */
    static RunDirectorySurvey start(Launcher launcher, List<Map.Entry<Name, UnikernelSpec>> unikernels,
            Set<Name> known) {
        RunDirectorySurvey survey = new RunDirectorySurvey();
        unikernels.forEach(unikernel -> survey.found.put(unikernel.getKey(), new CompletableFuture<>()));
        Thread reader = new Thread(() -> {
            for (Map.Entry<Name, UnikernelSpec> unikernel : unikernels) {
                CompletableFuture<Readoption> previous = survey.found.get(unikernel.getKey());
                try {
                    previous.complete(launcher.previous(unikernel.getKey(), unikernel.getValue()));
                } catch (RuntimeException | Error e) {
                    previous.completeExceptionally(e);
                }
            }
            try {
                survey.strays.complete(launcher.removeStrays(known));
            } catch (RuntimeException | Error e) {
                survey.strays.completeExceptionally(e);
            }
        }, "albatross-restore-survey");
        reader.setDaemon(true);
        reader.start();
        return survey;
    }

    /** What is left of {@code name}, once read; empty if the survey was not given it. */
    Optional<Readoption> previous(Name name) {
        return Optional.ofNullable(found.get(name)).map(CompletableFuture::join);
    }

    /** The names on disk of the strays removed, once they are. */
    List<String> removedStrays() {
        return strays.join();
    }
}
