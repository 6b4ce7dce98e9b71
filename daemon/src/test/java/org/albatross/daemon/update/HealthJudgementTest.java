package org.albatross.daemon.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.daemon.update.HealthJudgement.Probe;
import org.albatross.daemon.update.HealthJudgement.Verdict;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.junit.jupiter.api.Test;

class HealthJudgementTest {
    private static final Instant DEADLINE = Instant.parse("2026-12-06T12:01:00Z");
    private static final Instant BEFORE = DEADLINE.minusSeconds(30);
    private static final KeptUpdate.Watch EXIT = watch(new HealthCheck.StillRunning());
    private static final KeptUpdate.Watch TCP = watch(new HealthCheck.TcpConnect("10.0.0.2", 80));

    private static KeptUpdate.Watch watch(HealthCheck check) {
        return new KeptUpdate.Watch(new HealthWatch(check, 60), DEADLINE);
    }

    @Test
    void exitWaitsWhileTheUnikernelRunsBeforeTheDeadline() {
        assertThat(HealthJudgement.judge(EXIT, BEFORE, Optional.empty(), new Probe.NotYet()))
                .isEqualTo(new Verdict.Wait());
    }

    @Test
    void exitKeepsAUnikernelThatStillRunsAtTheDeadline() {
        assertThat(HealthJudgement.judge(EXIT, DEADLINE, Optional.empty(), new Probe.NotYet()))
                .isEqualTo(new Verdict.Keep("it ran until the end of its watch (exit for 60 s)"));
    }

    @Test
    void aUnikernelThatStoppedFailsEveryCheckAtOnce() {
        assertThat(HealthJudgement.judge(EXIT, BEFORE, Optional.of("it exited 3"), new Probe.NotYet()))
                .isEqualTo(new Verdict.RollBack("it stopped during the watch (exit): it exited 3"));
        assertThat(HealthJudgement.judge(TCP, BEFORE, Optional.of("it exited 3"), new Probe.Answered()))
                .isInstanceOf(Verdict.RollBack.class);
    }

    @Test
    void aProbeThatAnswersKeepsTheNewImageBeforeTheDeadline() {
        assertThat(HealthJudgement.judge(TCP, BEFORE, Optional.empty(), new Probe.Answered()))
                .isEqualTo(new Verdict.Keep("tcp:10.0.0.2:80 answered"));
    }

    @Test
    void aProbeThatFailsWaitsUntilTheDeadlineThenRollsBackSayingTheLastFailure() {
        assertThat(HealthJudgement.judge(TCP, BEFORE, Optional.empty(), new Probe.Failed("Connection refused")))
                .isEqualTo(new Verdict.Wait());
        assertThat(HealthJudgement.judge(TCP, DEADLINE, Optional.empty(), new Probe.Failed("Connection refused")))
                .isEqualTo(new Verdict.RollBack("tcp:10.0.0.2:80 did not answer within 60 s; the last probe:"
                        + " Connection refused"));
    }

    @Test
    void theNextLookIsAnIntervalAwayButNeverBeyondTheDeadline() {
        Duration second = Duration.ofSeconds(1);
        assertThat(HealthJudgement.untilNextLook(TCP, BEFORE, second)).isEqualTo(second);
        assertThat(HealthJudgement.untilNextLook(TCP, DEADLINE.minusMillis(300), second)).isEqualTo(
                Duration.ofMillis(300));
        assertThat(HealthJudgement.untilNextLook(TCP, DEADLINE.plusSeconds(5), second)).isZero();
    }
}
