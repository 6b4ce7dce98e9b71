package org.albatross.daemon;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.endpoint.activation.InheritedSockets;
import org.albatross.daemon.testing.RunningDaemon;
import org.albatross.daemon.testing.WireClient;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon in-process, driven over its Unix socket as albatross-client does, booting the test kernel on QEMU. */
@QemuRequired
class DaemonOverSocketTest {
    @TempDir
    Path directory;

    private RunningDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = RunningDaemon.start(directory);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void createThenConsoleThenDestroy() throws Exception {
        assertThat(request("hello", new UnikernelCommand.Create(testKernel("lines=3", "heartbeat=100"))))
                .isEqualTo(new Success.Message("created unikernel"));

        try (WireClient console = daemon.client()) {
            Header header = console.send("hello", new ConsoleCommand.SubscribeCount(100));
            Wire answer = console.receive();
            assertThat(answer.header()).isEqualTo(header);
            assertThat(answer.payload()).isEqualTo(new Success.Message("subscribed"));
            List<String> lines = new ArrayList<>();
            while (!lines.contains("heartbeat 2")) {
                Wire line = console.receive();
                assertThat(line.header()).isEqualTo(header);
                lines.add(((Data.ConsoleLine) line.payload()).line());
            }
            assertThat(lines).startsWith("albatross test kernel").contains("line 1", "line 2", "line 3");
        }

        Success.UnikernelInfos infos = (Success.UnikernelInfos) request(":", new UnikernelCommand.Info());
        assertThat(infos.unikernels()).singleElement().satisfies(info -> {
            assertThat(info.name().toString()).isEqualTo(":hello");
            assertThat(info.info().memoryMb()).isEqualTo(32);
            assertThat(info.info().arguments()).contains(List.of("lines=3", "heartbeat=100"));
            assertThat(info.info().running()).as("a running unikernel has a start time").isTrue();
        });

        assertThat(request("hello", new UnikernelCommand.Destroy()))
                .isEqualTo(new Success.Message("destroyed unikernel"));
        assertThat(((Success.UnikernelInfos) request(":", new UnikernelCommand.Info())).unikernels()).isEmpty();
    }

    @Test
    void theEventLogStreamsWhatHappenedThenWhatHappens() throws Exception {
        assertThat(request("logged", new UnikernelCommand.Create(testKernel("forever"))))
                .isEqualTo(new Success.Message("created unikernel"));
        try (WireClient events = daemon.client()) {
            Header header = events.send(":", new EventLogCommand.SubscribeCount(10));
            assertThat(events.receive().payload()).isEqualTo(new Success.Message("subscribed"));
            assertThat(event(events, header)).isEqualTo(new Event.Startup());
            assertThat(event(events, header)).isInstanceOfSatisfying(Event.UnikernelStart.class,
                    start -> assertThat(start.name().toString()).isEqualTo(":logged"));

            assertThat(request("logged", new UnikernelCommand.Destroy()))
                    .isEqualTo(new Success.Message("destroyed unikernel"));
            assertThat(event(events, header)).isEqualTo(new Event.UnikernelStop(
                    org.albatross.protocol.Name.parse("logged"), new Event.ExitStatus.Stopped()));
        }
    }

    private static Event event(WireClient client, Header header) throws Exception {
        Wire wire = client.receive();
        assertThat(wire.header()).isEqualTo(header);
        return ((Data.EventEntry) wire.payload()).event();
    }

    @Test
    void aSubscriberBeforeTheUnikernelStartsIsToldToWaitThenGetsItsLines() throws Exception {
        try (WireClient console = daemon.client()) {
            console.send("early", new ConsoleCommand.SubscribeCount(10));
            assertThat(console.receive().payload()).isEqualTo(new Success.Message("waiting for VM"));

            assertThat(request("early", new UnikernelCommand.Create(testKernel("lines=1", "exit=3"))))
                    .isEqualTo(new Success.Message("created unikernel"));
            List<String> lines = new ArrayList<>();
            while (!lines.contains("exit 3")) {
                lines.add(((Data.ConsoleLine) console.receive().payload()).line());
            }
            assertThat(lines).contains("line 1");
        }
    }

    @Test
    void aFailureEchoesTheHeaderAndClosesTheConnection() throws Exception {
        try (WireClient client = daemon.client()) {
            Header header = client.send("nobody", new UnikernelCommand.Destroy());
            Wire reply = client.receive();
            assertThat(reply.header()).isEqualTo(header);
            assertThat(reply.payload()).isEqualTo(new Failure("destroy: not found"));
            assertThat(client.next()).isEmpty();
        }
    }

    @Test
    void aMalformedFrameGetsAFailureAndTheConnectionIsClosed() throws Exception {
        try (WireClient client = daemon.client()) {
            client.sendFrame(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
            assertThat(client.receive().payload()).isInstanceOf(Failure.class)
                    .satisfies(failure -> assertThat(((Failure) failure).message()).startsWith("malformed message"));
            assertThat(client.next()).isEmpty();
        }
    }

    @Test
    void aSecondCreateOfARunningNameIsRefusedAndChangesNothing() throws Exception {
        assertThat(request("twice", new UnikernelCommand.Create(testKernel("forever"))))
                .isEqualTo(new Success.Message("created unikernel"));
        assertThat(request("twice", new UnikernelCommand.Create(testKernel("lines=1"))))
                .isInstanceOf(Failure.class);
        Success.UnikernelInfos infos = (Success.UnikernelInfos) request("twice", new UnikernelCommand.Info());
        assertThat(infos.unikernels()).singleElement()
                .satisfies(info -> assertThat(info.info().arguments()).contains(List.of("forever")));
    }

    @Test
    void aSecondDaemonOnTheSameSocketRefusesToStartAndTheFirstGoesOn() throws Exception {
        org.albatross.config.DaemonConfig config = RunningDaemon.config(directory.resolve("second"), java.util.Map.of(
                "socket.path", daemon.socket().toString()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Daemon.start(config, false, InheritedSockets.NONE))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("another albatrossd is listening on " + daemon.socket()
                        + "; stop it first, or set socket.path");
        assertThat(request(":", new UnikernelCommand.Info())).isInstanceOf(Success.UnikernelInfos.class);
    }

    @Test
    void aBlockSetFasterThanTheDiskPausesReadingAndStoresEverything() throws Exception {
        assertThat(request("disk", new org.albatross.protocol.BlockCommand.Add(8)))
                .isEqualTo(new Success.Message("added block device"));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 7);
        try (WireClient client = daemon.client()) {
            Header header = client.send("disk", new org.albatross.protocol.BlockCommand.Set(false));
            for (int i = 0; i < 100; i++) {
                client.sendFrame(chunk);
            }
            client.sendFrame(new byte[0]);
            assertThat(client.receive()).isEqualTo(new Wire(header, new Success.Message("set block device")));
        }
        byte[] device = java.nio.file.Files.readAllBytes(directory.resolve("db/block/disk"));
        assertThat(device).hasSize(8 * 1024 * 1024);
        assertThat(java.util.Arrays.copyOf(device, 100 * chunk.length)).containsOnly(7);
    }

    private Object request(String name, org.albatross.protocol.Command command) throws Exception {
        try (WireClient client = daemon.client()) {
            Header header = client.send(name, command);
            Wire reply = client.receive();
            assertThat(reply.header()).isEqualTo(header);
            return reply.payload();
        }
    }
}
