package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.albatross.vmm.ExitStatus.Exited;
import org.albatross.vmm.ExitStatus.Stopped;
import org.junit.jupiter.api.Test;

class ExitEncodingTest {

    @Test
    void aDirectStatusIsTheExitCode() {
        assertThat(ExitEncoding.DIRECT.decode(3, Set.of())).isEqualTo(new Exited(3));
    }

    @Test
    void aSignalTheDaemonSentIsAStop() {
        assertThat(ExitEncoding.DIRECT.decode(143, Set.of(StopSignal.TERM))).isEqualTo(new Stopped(StopSignal.TERM));
        assertThat(ExitEncoding.DIRECT.decode(137, Set.of(StopSignal.TERM, StopSignal.KILL)))
                .isEqualTo(new Stopped(StopSignal.KILL));
    }

    @Test
    void aSignalTheDaemonDidNotSendReadsAsAnExitCode() {
        assertThat(ExitEncoding.DIRECT.decode(137, Set.of(StopSignal.TERM))).isEqualTo(new Exited(137));
        assertThat(ExitEncoding.DIRECT.decode(143, Set.of())).isEqualTo(new Exited(143));
    }

    @Test
    void qemuDebugExitStatusesMapBackToTheGuestsCode() {
        assertThat(ExitEncoding.QEMU_DEBUG_EXIT.decode((7 << 1) | 1, Set.of())).isEqualTo(new Exited(7));
        assertThat(ExitEncoding.QEMU_DEBUG_EXIT.decode(1, Set.of())).isEqualTo(new Exited(0));
        assertThat(ExitEncoding.QEMU_DEBUG_EXIT.decode(255, Set.of())).isEqualTo(new Exited(127));
    }

    @Test
    void qemuQuittingOnTheDaemonsSigtermIsAStop() {
        assertThat(ExitEncoding.QEMU_DEBUG_EXIT.decode(0, Set.of(StopSignal.TERM)))
                .isEqualTo(new Stopped(StopSignal.TERM));
        assertThat(ExitEncoding.QEMU_DEBUG_EXIT.decode(137, Set.of(StopSignal.TERM, StopSignal.KILL)))
                .isEqualTo(new Stopped(StopSignal.KILL));
    }

    @Test
    void qemusOwnCleanEndWithoutDebugExitIsZero() {
        assertThat(ExitEncoding.QEMU_DEBUG_EXIT.decode(0, Set.of())).isEqualTo(new Exited(0));
    }
}
