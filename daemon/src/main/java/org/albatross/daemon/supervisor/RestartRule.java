package org.albatross.daemon.supervisor;

import java.util.Set;
import java.util.TreeSet;
import org.albatross.protocol.FailBehaviour;
import org.albatross.vmm.ExitStatus;

/**
 * Albatross's restart-on-failure rules (its {@code Vmm_core.should_restart} and the exit-64 case in albatrossd's
 * {@code create}), as a pure function. Backoff and the restart budget are applied after this, by the caller.
 */
public final class RestartRule {
    /**
     * Exit codes after which a unikernel is never restarted: 1 is a solo5 failure (bad image or manifest), 60-62 are
     * unused and left alone, 63 is a help or version request and 64 an argument error (sysexits EX_USAGE).
     */
    static final Set<Integer> NEVER_RESTART_CODES = Set.of(1, 60, 61, 62, 63, 64);
    private static final int ARGUMENT_ERROR = 64;

    private RestartRule() {
    }

    /**
     * Decides whether the unikernel whose monitor ended with {@code status} starts again.
     *
     * @param fail            its fail behaviour
     * @param status          how its monitor ended; a signal the daemon did not send shows as an exit code of
     *                        128 + the signal (see {@link ExitStatus}) and is treated as that exit code
     * @param stopRequested   whether a destroy, force-create or shutdown asked it to stop: that always wins
     * @param startedWithName whether the daemon added {@code --name=LABEL} to its arguments
     */
    public static RestartDecision decide(FailBehaviour fail, ExitStatus status, boolean stopRequested,
            boolean startedWithName) {
        if (stopRequested) {
            return new RestartDecision.StayStopped("its stop was requested");
        }
        if (status instanceof ExitStatus.Stopped stopped) {
            return new RestartDecision.StayStopped("the daemon stopped it with SIG" + stopped.signal());
        }
        return decideOnExit(fail, ((ExitStatus.Exited) status).code(), startedWithName);
    }

    private static RestartDecision decideOnExit(FailBehaviour fail, int code, boolean startedWithName) {
        if (code == ARGUMENT_ERROR && startedWithName) {
            return new RestartDecision.RestartWithoutName(
                    "it exited 64 (argument error), probably refusing the --name argument: starting it once without");
        }
        if (NEVER_RESTART_CODES.contains(code)) {
            return new RestartDecision.StayStopped("it exited " + code + ", a code after which albatross never restarts");
        }
        if (!(fail instanceof FailBehaviour.Restart restart)) {
            return new RestartDecision.StayStopped("it exited " + code + " and its fail behaviour is quit");
        }
        if (!restart.restartsOn(code)) {
            return new RestartDecision.StayStopped(
                    "it exited " + code + " but restarts only on exit codes " + new TreeSet<>(restart.exitCodes()));
        }
        return new RestartDecision.Restart("it exited " + code + " and restarts on "
                + (restart.exitCodes().isEmpty() ? "any exit code" : "exit codes " + new TreeSet<>(restart.exitCodes())));
    }
}
