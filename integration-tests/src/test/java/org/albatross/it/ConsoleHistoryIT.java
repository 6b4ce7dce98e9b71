package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: a console outlives its unikernel and the daemon. A unikernel that ended is listed by inactive-consoles
 * and its lines are read after the daemon was restarted; a new unikernel of the same name starts with an empty
 * console.
 */
class ConsoleHistoryIT {
    private static final String TENANT = "history:";
    private static final String NAME = TENANT + "crashed";

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @Test
    void theConsoleOfAUnikernelThatEndedIsReadAfterADaemonRestartUntilANewUnikernelTakesItsName()
            throws IOException {
        albatrossd.request(new PolicyCommand.Add(new Policy(2, Set.of(), 256, Optional.empty(), Set.of())), TENANT)
                .success();
        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("lines=3", "exit=3").config()),
                NAME).success();
        await("the console of " + NAME + " listed as inactive").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200)).until(() -> inactive().contains(Name.parse(NAME)));

        assertThat(albatrossd.terminateAndRestart()).isZero();

        assertThat(inactive()).containsExactly(Name.parse(NAME));
        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100), Name.parse(NAME))) {
            assertThat(console.reply().success()).isEqualTo(new Success.Message("subscribed"));
            List<Data> read = Streams.readUntil(console, "the last line of the unikernel that ended",
                    Streams.consoleLine("exit 3"));
            assertThat(read).anyMatch(Streams.consoleLine(TestUnikernel.BANNER))
                    .anyMatch(Streams.consoleLine("line 3"));
        }

        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("lines=1", "forever").config()),
                NAME).success();
        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100), Name.parse(NAME))) {
            console.reply().success();
            List<Data> read = Streams.readUntil(console, "the new unikernel's line", Streams.consoleLine("line 1"));
            assertThat(read).noneMatch(Streams.consoleLine("exit 3")).noneMatch(Streams.consoleLine("line 3"));
        }
        assertThat(inactive()).isEmpty();
        albatrossd.request(new UnikernelCommand.Destroy(), NAME).success();
    }

    private static List<Name> inactive() {
        return ((Success.Consoles) albatrossd.request(new ConsoleCommand.ListInactive(), TENANT).success()).names();
    }
}
