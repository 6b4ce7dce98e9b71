package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.client.transport.Session;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.codec.AlbatrossStateCodec;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving in: albatrossd started on the dbdir of robur's albatross imports its state and runs its unikernels. The host
 * is built from albatross's own dump {@code wire5_unikernel3_path} (names, block devices), each unikernel given the
 * test kernel as image and what this machine can run (no bridges, CPU 0, 32 MB; the dump's block devices to
 * {@code foo:hello} alone, as two unikernels cannot share one), startup priorities and policies, as albatross 2.x
 * writes them; its block devices are files named as albatross names them.
 */
class AlbatrossImportIT {
    private static final Map<String, Integer> STARTUP = Map.of("bar:hello", 5, "foo:hello", 30,
            "bar:my.nice.unikernel", 70);
    private static final Policy FOO = new Policy(2, Set.of(0), 64, Optional.of(10L), Set.of());
    private static final Policy BAR = new Policy(2, Set.of(0), 64, Optional.empty(), Set.of());

    @TempDir
    Path root;
    private DaemonProcess daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static byte[] albatrossDump() {
        return Base64.getMimeDecoder().decode(AlbatrossVectors.text("state/wire5_unikernel3_path.b64").strip());
    }

    /** The dump's unikernels, runnable here, with policies: albatross 2.x's state file. */
    private static byte[] albatrossHost() {
        List<AlbatrossState.Unikernel> unikernels = new ArrayList<>();
        for (AlbatrossState.Unikernel dumped : AlbatrossStateCodec.decode(ByteBuffer.wrap(albatrossDump()))
                .unikernels()) {
            UnikernelArguments dumpedArguments = dumped.config().runArguments();
            UnikernelArguments runnable = new UnikernelArguments(new FailBehaviour.Quit(),
                    Optional.ofNullable(STARTUP.get(dumped.name().toString())), false, Set.of(0), 32,
                    dumped.name().equals(Name.parse("foo:hello")) ? dumpedArguments.blockDevices() : Set.of(), Set.of(), Optional.of(List.of("lines=1", "forever")), 1,
                    Optional.empty());
            unikernels.add(new AlbatrossState.Unikernel(dumped.name(),
                    new UnikernelConfig(dumped.config().typ(), false, TestUnikernel.IMAGE, runnable)));
        }
        return AlbatrossStateCodec.encode(new AlbatrossState(AlbatrossState.Form.V5_WITH_POLICIES, unikernels,
                Map.of(org.albatross.protocol.Path.of("foo"), FOO, org.albatross.protocol.Path.of("bar"), BAR)));
    }

    @Test
    void theDaemonImportsAnAlbatrossHostAndStartsItsUnikernelsInStartupOrder() throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        byte[] albatross = albatrossHost();
        Files.write(files.dbdir().resolve("state"), albatross);
        Path blocks = Files.createDirectories(files.dbdir().resolve("block"));
        Files.write(blocks.resolve("foo:block"), new byte[1 << 20]);
        Files.write(blocks.resolve("foo:second-data"), new byte[2 << 20]);

        daemon = DaemonProcess.start(files);

        List<Data> events;
        try (Session session = org.albatross.client.transport.LocalTransport.connect(files.socket());
                org.albatross.client.transport.Stream log = session.open(new EventLogCommand.SubscribeCount(100),
                        Name.ROOT)) {
            log.reply().success();
            events = Streams.readUntil(log, "the fourth unikernel started",
                    data -> data instanceof Data.EventEntry entry && entry.event() instanceof Event.UnikernelStart start
                            && start.name().equals(Name.parse("bar:my.nice.unikernel")));
        }
        List<Event> recorded = events.stream().map(data -> ((Data.EventEntry) data).event()).toList();
        assertThat(recorded).filteredOn(Event.StateImported.class::isInstance).singleElement()
                .isEqualTo(new Event.StateImported(files.dbdir().resolve("state").toString(), keptCopy(files).toString(),
                        "[6] unikernels and policies (albatross 2.x)", 4, 2, 2));
        assertThat(recorded).as(daemon.log()).filteredOn(Event.UnikernelStart.class::isInstance)
                .map(event -> ((Event.UnikernelStart) event).name().toString())
                .as("ascending startup priority, 50 where none is named")
                .containsExactly("bar:hello", "foo:hello", "foo:my.nice.unikernel", "bar:my.nice.unikernel");
        assertThat(Files.readAllBytes(keptCopy(files))).as("albatross's file, kept").isEqualTo(albatross);

        Success.UnikernelInfos infos = (Success.UnikernelInfos) request(files, new UnikernelCommand.Info(), ":");
        assertThat(infos.unikernels()).extracting(named -> named.name().toString()).containsExactlyInAnyOrder(
                "foo:hello", "foo:my.nice.unikernel", "bar:hello", "bar:my.nice.unikernel");
        assertThat(infos.unikernels()).allSatisfy(named -> {
            assertThat(named.info().running()).isTrue();
            assertThat(named.info().digest()).isEqualTo(TestUnikernel.digest());
        });
        Success.Policies policies = (Success.Policies) request(files, new PolicyCommand.Info(), ":");
        assertThat(policies.policies()).extracting(named -> named.name().toString()).contains("foo:", "bar:");
        Success.BlockDevices devices = (Success.BlockDevices) request(files, new BlockCommand.Info(), "foo:");
        assertThat(devices.devices()).extracting(device -> device.name().toString() + "=" + device.sizeMb())
                .containsExactlyInAnyOrder("foo:block=1", "foo:second-data=2");
    }

    @Test
    void anAlbatrossStateItCannotReadRefusesTheStartInOneLineAndIsLeftUntouched() throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        byte[] whole = albatrossDump();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);
        Path state = files.dbdir().resolve("state");
        Files.write(state, cut);

        daemon = DaemonProcess.launch(files);
        int exit = daemon.awaitExit();

        assertThat(exit).isNotZero();
        assertThat(daemon.log()).contains("albatrossd: refusing to start: " + state
                + " is robur albatross's state but cannot be imported: ").doesNotContain("Exception");
        assertThat(Files.readAllBytes(state)).isEqualTo(cut);
        try (Stream<Path> left = Files.list(files.dbdir())) {
            assertThat(left.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("state.") || name.equals("events"));
        }
    }

    private static Path keptCopy(DaemonFiles files) throws IOException {
        try (Stream<Path> listed = Files.list(files.dbdir())) {
            return listed.filter(file -> file.getFileName().toString().startsWith("state.albatross-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no state.albatross-* in " + files.dbdir()));
        }
    }

    private static Success request(DaemonFiles files, org.albatross.protocol.Command command, String name) {
        try (Session session = org.albatross.client.transport.LocalTransport.connect(files.socket())) {
            return session.request(command, Name.parse(name)).success();
        }
    }
}
