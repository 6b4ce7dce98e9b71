package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5: kill the daemon, start it again, the state is as it was: unikernels (started again), policies and block
 * devices. A SIGTERM is a clean exit that keeps the state as well.
 */
class PersistenceIT {
    private static final String TENANT = "kept:";

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @BeforeAll
    static void buildSomeState() {
        albatrossd.request(new PolicyCommand.Add(new Policy(3, Set.of(), 256, Optional.of(4L), Set.of())), TENANT)
                .success();
        albatrossd.request(new BlockCommand.Add(1), TENANT + "disk").success();
        albatrossd.request(new UnikernelCommand.Create(
                TestUnikernel.withArguments("lines=1", "forever").config()), TENANT + "one").success();
        albatrossd.request(new UnikernelCommand.Create(
                TestUnikernel.withArguments("lines=2", "forever").withMemory(64).config()), TENANT + "two").success();
    }

    @Test
    void afterACrashTheDaemonComesBackWithTheSameState() throws IOException {
        State before = State.ofAll();

        albatrossd.crashAndRestart();

        assertThat(State.of()).isEqualTo(before);
        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100),
                Name.parse(TENANT + "two"))) {
            Streams.readUntil(console, "the banner of the kernel started again", Streams.consoleLine(
                    TestUnikernel.BANNER));
        }
    }

    @Test
    void sigtermEndsTheDaemonWithExitCodeZeroAndKeepsTheState() throws IOException {
        State before = State.ofAll();

        assertThat(albatrossd.terminateAndRestart()).isZero();

        assertThat(State.of()).isEqualTo(before);
    }

    /** What must survive a restart; a unikernel's start time may change, so it is left out. */
    private record State(Success policies, Success blocks, List<Kept> unikernels) {
        /** The state built before all tests, checked to be all there so that no test compares nothing to nothing. */
        static State ofAll() {
            State state = of();
            assertThat(state.unikernels()).extracting(Kept::name).containsExactly("kept:one", "kept:two");
            return state;
        }

        static State of() {
            List<Kept> unikernels = ((Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(), TENANT)
                    .success()).unikernels().stream().map(Kept::of).toList();
            return new State(albatrossd.request(new PolicyCommand.Info(), TENANT).success(),
                    albatrossd.request(new BlockCommand.Info(), TENANT).success(), unikernels);
        }
    }

    private record Kept(String name, UnikernelInfo withoutStartTime) {
        static Kept of(Success.NamedUnikernelInfo named) {
            UnikernelInfo info = named.info();
            return new Kept(named.name().toString(), new UnikernelInfo(info.typ(), info.startup(),
                    info.failBehaviour(), info.cpuIds(), info.memoryMb(), info.digest(), info.blockDevices(),
                    info.bridges(), info.arguments(), Instant.EPOCH, info.numCpus(),
                    info.linuxBootPartition()));
        }
    }
}
