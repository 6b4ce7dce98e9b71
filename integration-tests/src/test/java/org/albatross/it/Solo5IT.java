package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.vmm.KvmAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17: Solo5's own test unikernels on its real tenders, through a real albatrossd configured only through
 * {@code adapters.solo5.hvt-tender} and {@code spt-tender} as docs/configuration.md says. Runs where
 * {@code SOLO5_DIR} names a Solo5 build (DEVELOPERS.md), and is skipped with a message elsewhere.
 */
@ExtendWith(Solo5Build.class)
class Solo5IT {
    @RegisterExtension
    static final DaemonExtension albatrossd = DaemonExtension.withSolo5("""
            hvt = true
            spt = true
            hvt-tender = "%s"
            spt-tender = "%s"
            """.formatted(Solo5Build.tender("hvt"), Solo5Build.tender("spt")));

    @Test
    void helloPrintsHelloWorldOnItsConsoleAndExitsZero() {
        try (Stream events = albatrossd.events(); Stream console = console("hello")) {
            create("hello", image("test_hello", "spt"), TestUnikernel.withArguments("Hello_Solo5"));

            Streams.readUntil(console, "Hello, World", Streams.consoleLine("Hello, World"));
            Streams.readUntil(console, "the test's verdict", Streams.consoleLine("SUCCESS"));
            Streams.readUntil(events, "the exit of hello with 0", Streams.exited("hello", 0));
        }
    }

    @Test
    void blkReadsAndWritesTheBlockDeviceItIsGiven() {
        albatrossd.request(new BlockCommand.Add(1), "storage").success();
        try (Stream events = albatrossd.events(); Stream console = console("blk")) {
            create("blk", image("test_blk", "spt"), TestUnikernel.withArguments().withBlock("storage"));

            Streams.readUntil(console, "the test's verdict", Streams.consoleLine("SUCCESS"));
            Streams.readUntil(events, "the exit of blk with 0", Streams.exited("blk", 0));
        } finally {
            albatrossd.request(new BlockCommand.Remove(), "storage");
        }
    }

    /** test_ssp smashes its stack; Solo5 aborts it, and the tender exits with 255. */
    @Test
    void anExitWithACodeInTheRestartSetRestartsTheUnikernel() {
        try (Stream events = albatrossd.events()) {
            create("ssp", image("test_ssp", "spt"), TestUnikernel.withArguments().restartingOn(255));

            Streams.readUntil(events, "the first exit of ssp with 255", Streams.exited("ssp", 255));
            Streams.readUntil(events, "the restart of ssp", Streams.restarted("ssp"));
            Streams.readUntil(events, "the second exit of ssp with 255", Streams.exited("ssp", 255));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "ssp");
        }
    }

    @Test
    void blkWithoutItsBlockDeviceIsRefusedBeforeLaunch() throws IOException {
        assertRefusedBeforeLaunch("blk-alone", image("test_blk", "spt"), TestUnikernel.withArguments(),
                "the requested block devices [] differ from the image's manifest, which declares block \"storage\";"
                        + " request exactly the declared devices");
    }

    @Test
    void netWithoutItsNetworkIsRefusedBeforeLaunch() throws IOException {
        assertRefusedBeforeLaunch("net-alone", image("test_net", "spt"), TestUnikernel.withArguments("limit"),
                "the requested network interfaces [] differ from the image's manifest, which declares net"
                        + " \"service0\"; request exactly the declared devices");
    }

    @Test
    void hvtWithoutAUsableKvmDeviceIsRefusedBeforeLaunch() throws IOException {
        KvmAccess kvm = KvmAccess.probe(KvmAccess.DEVICE);
        assumeFalse(kvm.usable(), "skipped: /dev/kvm is usable here (see helloRunsOnHvtWhereKvmIsUsable)");

        assertRefusedBeforeLaunch("hello-hvt", image("test_hello", "hvt"), TestUnikernel.withArguments(),
                "solo5-hvt cannot run here: it needs a usable KVM device, and " + kvm.problem().orElseThrow()
                        + "; build the unikernel for spt, or run it on a host with KVM");
    }

    @Test
    void helloRunsOnHvtWhereKvmIsUsable() {
        assumeTrue(KvmAccess.probe(KvmAccess.DEVICE).usable(), "skipped: /dev/kvm is not usable here");
        try (Stream events = albatrossd.events(); Stream console = console("hello-kvm")) {
            create("hello-kvm", image("test_hello", "hvt"), TestUnikernel.withArguments());

            Streams.readUntil(console, "Hello, World", Streams.consoleLine("Hello, World"));
            Streams.readUntil(events, "the exit of hello-kvm with 0", Streams.exited("hello-kvm", 0));
        }
    }

    private static void assertRefusedBeforeLaunch(String name, Octets image, TestUnikernel arguments,
            String reason) throws IOException {
        Answer refused = albatrossd.request(new UnikernelCommand.Create(arguments.config(image)), name);

        assertThat(refused).isEqualTo(new Answer.Failed(reason));
        assertThat(albatrossd.request(new UnikernelCommand.Info(), name).success())
                .isEqualTo(new Success.UnikernelInfos(List.of()));
        try (java.util.stream.Stream<Path> runs = Files.list(albatrossd.files().tmpdir().resolve("run"))) {
            assertThat(runs.map(run -> run.getFileName().toString())).as("run directories")
                    .noneMatch(run -> run.contains(name));
        }
    }

    private static void create(String name, Octets image, TestUnikernel arguments) {
        albatrossd.request(new UnikernelCommand.Create(arguments.config(image)), name).success();
    }

    /** A console subscription made before the unikernel exists: it waits for it, and misses nothing. */
    private static Stream console(String name) {
        Stream console = albatrossd.connect().open(new ConsoleCommand.SubscribeCount(100), Name.parse(name));
        console.reply().success();
        return console;
    }

    private static Octets image(String test, String target) {
        try {
            return Octets.of(Files.readAllBytes(Solo5Build.test(test, target)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
