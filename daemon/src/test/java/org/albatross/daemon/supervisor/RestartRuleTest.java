package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.albatross.protocol.FailBehaviour;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.StopSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestartRuleTest {
    private static final FailBehaviour QUIT = new FailBehaviour.Quit();
    private static final FailBehaviour ANY = new FailBehaviour.Restart(Set.of());
    private static final FailBehaviour ON_2_AND_70 = new FailBehaviour.Restart(Set.of(2, 70));

    enum Outcome { RESTART, RESTART_WITHOUT_NAME, STAY_STOPPED }

    static Stream<Arguments> rules() {
        return Stream.of(
                // fail behaviour, status, stop requested, started with --name, outcome
                Arguments.of(QUIT, exit(0), false, false, Outcome.STAY_STOPPED),
                Arguments.of(QUIT, exit(2), false, false, Outcome.STAY_STOPPED),
                Arguments.of(ANY, exit(0), false, false, Outcome.RESTART),
                Arguments.of(ANY, exit(2), false, false, Outcome.RESTART),
                Arguments.of(ANY, exit(65), false, false, Outcome.RESTART),
                Arguments.of(ANY, exit(255), false, false, Outcome.RESTART),
                Arguments.of(ANY, exit(137), false, false, Outcome.RESTART),
                Arguments.of(ON_2_AND_70, exit(2), false, false, Outcome.RESTART),
                Arguments.of(ON_2_AND_70, exit(70), false, false, Outcome.RESTART),
                Arguments.of(ON_2_AND_70, exit(0), false, false, Outcome.STAY_STOPPED),
                Arguments.of(ON_2_AND_70, exit(3), false, false, Outcome.STAY_STOPPED),
                // a set naming a never-restart code does not override albatross's list
                Arguments.of(new FailBehaviour.Restart(Set.of(1, 63)), exit(1), false, false, Outcome.STAY_STOPPED),
                Arguments.of(new FailBehaviour.Restart(Set.of(1, 63)), exit(63), false, false, Outcome.STAY_STOPPED),
                // signals the daemon sent and requested stops never restart
                Arguments.of(ANY, new ExitStatus.Stopped(StopSignal.TERM), false, false, Outcome.STAY_STOPPED),
                Arguments.of(ANY, new ExitStatus.Stopped(StopSignal.KILL), false, true, Outcome.STAY_STOPPED),
                Arguments.of(ANY, exit(0), true, false, Outcome.STAY_STOPPED),
                Arguments.of(ANY, exit(64), true, true, Outcome.STAY_STOPPED),
                // exit 64 after --name: once more without it, whatever the fail behaviour
                Arguments.of(ANY, exit(64), false, true, Outcome.RESTART_WITHOUT_NAME),
                Arguments.of(QUIT, exit(64), false, true, Outcome.RESTART_WITHOUT_NAME),
                Arguments.of(ON_2_AND_70, exit(64), false, true, Outcome.RESTART_WITHOUT_NAME),
                Arguments.of(ANY, exit(64), false, false, Outcome.STAY_STOPPED),
                Arguments.of(ANY, exit(63), false, true, Outcome.STAY_STOPPED),
                Arguments.of(ANY, exit(2), false, true, Outcome.RESTART));
    }

    @ParameterizedTest(name = "{0} {1} stopRequested={2} withName={3} -> {4}")
    @MethodSource("rules")
    void decidesAsAlbatrossDoes(FailBehaviour fail, ExitStatus status, boolean stopRequested, boolean withName,
            Outcome expected) {
        RestartDecision decision = RestartRule.decide(fail, status, stopRequested, withName);

        assertThat(outcome(decision)).isEqualTo(expected);
        assertThat(decision.reason()).isNotBlank();
    }

    @ParameterizedTest(name = "exit {0} never restarts")
    @MethodSource("neverRestartCodes")
    void exitCodesOneAndSixtyToSixtyFourNeverRestartEvenWhenAnyCodeRestarts(int code) {
        assertThat(RestartRule.decide(ANY, exit(code), false, false))
                .isInstanceOf(RestartDecision.StayStopped.class)
                .extracting(RestartDecision::reason).asString().contains(Integer.toString(code));
    }

    static IntStream neverRestartCodes() {
        return IntStream.of(1, 60, 61, 62, 63, 64);
    }

    @Test
    void anyOtherExitCodeRestartsWithAnEmptySet() {
        IntStream.rangeClosed(0, 255)
                .filter(code -> !RestartRule.NEVER_RESTART_CODES.contains(code))
                .forEach(code -> assertThat(RestartRule.decide(ANY, exit(code), false, false))
                        .as("exit %d", code)
                        .isInstanceOf(RestartDecision.Restart.class));
    }

    @Test
    void theReasonNamesTheCodesThatWouldHaveRestarted() {
        assertThat(RestartRule.decide(ON_2_AND_70, exit(3), false, false).reason())
                .isEqualTo("it exited 3 but restarts only on exit codes [2, 70]");
    }

    private static ExitStatus exit(int code) {
        return new ExitStatus.Exited(code);
    }

    private static Outcome outcome(RestartDecision decision) {
        if (decision instanceof RestartDecision.Restart) {
            return Outcome.RESTART;
        }
        if (decision instanceof RestartDecision.RestartWithoutName) {
            return Outcome.RESTART_WITHOUT_NAME;
        }
        return Outcome.STAY_STOPPED;
    }
}
