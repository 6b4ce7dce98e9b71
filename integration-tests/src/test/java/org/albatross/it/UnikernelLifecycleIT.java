package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: create the test kernel under QEMU, see it in info with its digest, follow its console, destroy it. */
class UnikernelLifecycleIT {
    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @Test
    void aCreatedUnikernelIsListedByInfoWithItsImageDigestAndArguments() {
        TestUnikernel kernel = TestUnikernel.withArguments("lines=2", "forever");

        Answer created = albatrossd.request(new UnikernelCommand.Create(kernel.config()), "listed");
        Answer info = albatrossd.request(new UnikernelCommand.Info(), "listed");

        assertThat(created).isEqualTo(new Answer.Succeeded(new Success.Message("created unikernel")));
        UnikernelInfo listed = onlyInfo(info, "listed");
        assertThat(listed.digest()).isEqualTo(TestUnikernel.digest());
        assertThat(listed.arguments()).contains(List.of("lines=2", "forever"));
        assertThat(listed.memoryMb()).isEqualTo(32);
        albatrossd.request(new UnikernelCommand.Destroy(), "listed").success();
    }

    @Test
    void aConsoleSubscriptionGetsTheBannerTheArgumentsAndTheLines() {
        albatrossd.request(new UnikernelCommand.Create(
                TestUnikernel.withArguments("lines=3", "forever").config()), "talker").success();

        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100), Name.parse("talker"))) {
            assertThat(console.reply()).isEqualTo(new Answer.Succeeded(new Success.Message("subscribed")));
            List<Data> lines = Streams.readUntil(console, "the third line", Streams.consoleLine("line 3"));

            assertThat(lines).filteredOn(Streams.consoleLine(TestUnikernel.BANNER)).hasSize(1);
            assertThat(lines).filteredOn(Streams.consoleLine("command line: ")).singleElement()
                    .satisfies(line -> assertThat(((Data.ConsoleLine) line).line()).endsWith("lines=3 forever"));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "talker").success();
        }
    }

    @Test
    void aConsoleSubscriptionSinceATimeGetsTheLinesWrittenAfterIt() {
        Instant beforeCreate = Instant.now().minusSeconds(1);
        albatrossd.request(new UnikernelCommand.Create(
                TestUnikernel.withArguments("lines=2", "forever").config()), "historic").success();
        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(10),
                Name.parse("historic"))) {
            Streams.readUntil(console, "the last line", Streams.consoleLine("running until stopped"));
        }

        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeSince(beforeCreate),
                Name.parse("historic"))) {
            List<Data> history = Streams.readUntil(console, "the last line", Streams.consoleLine(
                    "running until stopped"));

            assertThat(history).filteredOn(Streams.consoleLine(TestUnikernel.BANNER)).hasSize(1);
            assertThat(history).filteredOn(Streams.consoleLine("line 2")).hasSize(1);
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "historic").success();
        }
    }

    @Test
    void aSubscriptionBeforeTheUnikernelRunsWaitsForIt() {
        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(10), Name.parse("late"))) {
            assertThat(console.reply()).isEqualTo(new Answer.Succeeded(new Success.Message("waiting for VM")));
            albatrossd.request(new UnikernelCommand.Create(
                    TestUnikernel.withArguments("lines=1", "forever").config()), "late").success();

            Streams.readUntil(console, "the banner", Streams.consoleLine(TestUnikernel.BANNER));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "late").success();
        }
    }

    @Test
    void aDestroyedUnikernelIsGoneFromInfo() {
        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()), "doomed")
                .success();

        Answer destroyed = albatrossd.request(new UnikernelCommand.Destroy(), "doomed");

        assertThat(destroyed).isEqualTo(new Answer.Succeeded(new Success.Message("destroyed unikernel")));
        assertThat(albatrossd.request(new UnikernelCommand.Info(), "doomed"))
                .isEqualTo(new Answer.Succeeded(new Success.UnikernelInfos(List.of())));
    }

    @Test
    void aRestartWithNewArgumentsRunsTheKernelWithThem() {
        albatrossd.request(new UnikernelCommand.Create(
                TestUnikernel.withArguments("lines=1", "forever").config()), "restarted").success();

        Answer restarted = albatrossd.request(new UnikernelCommand.Restart(Optional.of(
                TestUnikernel.withArguments("lines=4", "forever").config().runArguments())), "restarted");

        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100),
                Name.parse("restarted"))) {
            assertThat(restarted).isInstanceOf(Answer.Succeeded.class);
            assertThat(onlyInfo(albatrossd.request(new UnikernelCommand.Info(), "restarted"), "restarted")
                    .arguments()).contains(List.of("lines=4", "forever"));
            Streams.readUntil(console, "the fourth line of the restarted kernel", Streams.consoleLine("line 4"));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "restarted").success();
        }
    }

    @Test
    void aDestroyedUnikernelsConsoleIsKeptAsInactive() {
        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()), "gone")
                .success();
        assertThat(inactiveConsoles()).doesNotContain(Name.parse("gone"));

        albatrossd.request(new UnikernelCommand.Destroy(), "gone").success();

        assertThat(inactiveConsoles()).contains(Name.parse("gone"));
    }

    @Test
    void aSecondCreateOfARunningNameIsRefused() {
        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()), "taken")
                .success();
        try {
            Answer again = albatrossd.request(new UnikernelCommand.Create(
                    TestUnikernel.withArguments("lines=9").config()), "taken");

            assertThat(again).isInstanceOf(Answer.Failed.class);
            assertThat(onlyInfo(albatrossd.request(new UnikernelCommand.Info(), "taken"), "taken").arguments())
                    .contains(List.of("forever"));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "taken").success();
        }
    }

    @Test
    void aForceCreateReplacesTheRunningUnikernel() {
        albatrossd.request(new UnikernelCommand.Create(
                TestUnikernel.withArguments("lines=1", "forever").config()), "replaced").success();

        Answer replaced = albatrossd.request(new UnikernelCommand.ForceCreate(
                TestUnikernel.withArguments("lines=2", "forever").withMemory(48).config()), "replaced");

        try (Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100),
                Name.parse("replaced"))) {
            assertThat(replaced).isEqualTo(new Answer.Succeeded(new Success.Message("created unikernel")));
            UnikernelInfo now = onlyInfo(albatrossd.request(new UnikernelCommand.Info(), "replaced"), "replaced");
            assertThat(now.arguments()).contains(List.of("lines=2", "forever"));
            assertThat(now.memoryMb()).isEqualTo(48);
            Streams.readUntil(console, "the new kernel's command line",
                    Streams.consoleLine("command line: ").and(Streams.consoleLine("lines=2 forever")));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "replaced").success();
        }
    }

    private static List<Name> inactiveConsoles() {
        return ((Success.Consoles) albatrossd.request(new ConsoleCommand.ListInactive(), ":").success()).names();
    }

    static UnikernelInfo onlyInfo(Answer reply, String name) {
        Success.UnikernelInfos infos = (Success.UnikernelInfos) reply.success();
        assertThat(infos.unikernels()).extracting(Success.NamedUnikernelInfo::name).containsExactly(Name.parse(name));
        return infos.unikernels().get(0).info();
    }
}
