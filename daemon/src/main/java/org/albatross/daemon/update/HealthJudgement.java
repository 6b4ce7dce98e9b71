package org.albatross.daemon.update;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.protocol.HealthCheck;

/**
 * The decision of a watch, as a pure function of what was observed: an updated unikernel that stopped on its own
 * fails any check; {@code exit} passes when it still runs at the deadline; a probe passes as soon as one succeeds
 * and fails when none did by the deadline.
 */
public final class HealthJudgement {
    private HealthJudgement() {
    }

    /** What the watch decides now. */
    public sealed interface Verdict {
        /** The new image stays; {@code how} it passed. */
        record Keep(String how) implements Verdict {
            public Keep {
                Objects.requireNonNull(how, "how");
            }
        }

        /** The previous image runs again; {@code why}. */
        record RollBack(String why) implements Verdict {
            public RollBack {
                Objects.requireNonNull(why, "why");
            }
        }

        /** Not yet decided: look again. */
        record Wait() implements Verdict {
        }
    }

    /** The last probe of a probing check: none yet, or how it went. */
    public sealed interface Probe {
        record NotYet() implements Probe {
        }

        record Answered() implements Probe {
        }

        record Failed(String why) implements Probe {
            public Failed {
                Objects.requireNonNull(why, "why");
            }
        }
    }

    /**
     * @param watch the update's watch and its deadline
     * @param now the time of the observation
     * @param stopped why the new unikernel stopped on its own since the watch began, if it did
     * @param probe the last probe's outcome ({@link Probe.NotYet} for {@code exit}, which makes none)
     */
    public static Verdict judge(KeptUpdate.Watch watch, Instant now, Optional<String> stopped, Probe probe) {
        HealthCheck check = watch.health().check();
        if (stopped.isPresent()) {
            return new Verdict.RollBack("it stopped during the watch (" + check + "): " + stopped.get());
        }
        boolean over = !now.isBefore(watch.deadline());
        if (check instanceof HealthCheck.StillRunning) {
            return over ? new Verdict.Keep("it ran until the end of its watch (" + watch.health() + ")")
                    : new Verdict.Wait();
        }
        if (probe instanceof Probe.Answered) {
            return new Verdict.Keep(check + " answered");
        }
        if (!over) {
            return new Verdict.Wait();
        }
        return new Verdict.RollBack(check + " did not answer within " + watch.health().seconds() + " s"
                + (probe instanceof Probe.Failed failed ? "; the last probe: " + failed.why() : ""));
    }

    /** How long to wait before looking again: a probe's interval, never beyond the deadline. */
    public static Duration untilNextLook(KeptUpdate.Watch watch, Instant now, Duration interval) {
        Duration left = Duration.between(now, watch.deadline());
        return left.isNegative() ? Duration.ZERO : left.compareTo(interval) < 0 ? left : interval;
    }
}
