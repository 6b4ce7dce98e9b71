package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.albatross.client.transport.Reply;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5: every malformed frame or command gets a failure reply, the connection is closed, and nothing changes.
 */
class MalformedInputIT {
    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    private static Success stateBefore;

    @BeforeAll
    static void runOneUnikernel() {
        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()), "steady")
                .success();
        stateBefore = albatrossd.request(new UnikernelCommand.Info(), ":").success();
    }

    @Test
    void aFrameThatIsNotDerGetsAFailure() throws IOException {
        assertFailureAndNothingChanged("not DER at all".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTruncatedMessageGetsAFailure() throws IOException {
        byte[] info = WireCodec.encode(new Wire(new Header(1, Name.parse("steady")), new UnikernelCommand.Info()));
        assertFailureAndNothingChanged(Arrays.copyOf(info, info.length - 3));
    }

    @Test
    void anotherProtocolVersionGetsAFailure() throws IOException {
        byte[] info = WireCodec.encode(new Wire(new Header(1, Name.parse("steady")), new UnikernelCommand.Destroy()));
        // the header's version INTEGER is the first element of the first element: 30 L 30 L 02 01 05
        int version = 6;
        assertThat(info[version]).as("the version byte of the encoding").isEqualTo((byte) 5);
        info[version] = 4;
        assertFailureAndNothingChanged(info);
    }

    @Test
    void aReplyWhereACommandBelongsGetsAFailure() throws IOException {
        assertFailureAndNothingChanged(WireCodec.encode(
                new Wire(new Header(1, Name.parse("steady")), new Success.Message("destroyed"))));
    }

    @Test
    void aCreateWhoseImageIsNotAKernelGetsAFailure() throws IOException {
        TestUnikernel kernel = TestUnikernel.withArguments("forever");
        byte[] create = WireCodec.encode(new Wire(new Header(1, Name.parse("garbage")), new UnikernelCommand.Create(
                kernel.config().withImage(Octets.of("no ELF here".getBytes(StandardCharsets.UTF_8))))));
        assertFailureAndNothingChanged(create);
    }

    @Test
    void aCreateNamingAPathRatherThanAUnikernelGetsAFailure() {
        assertThat(albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()),
                "tenant:")).isInstanceOf(Reply.Failed.class);
        assertThat(albatrossd.request(new UnikernelCommand.Info(), ":").success()).isEqualTo(stateBefore);
    }

    @Test
    void aDestroyOfAnUnknownNameGetsAFailure() {
        assertThat(albatrossd.request(new UnikernelCommand.Destroy(), "unknown"))
                .isEqualTo(new Reply.Failed("destroy: not found"));
        assertThat(albatrossd.request(new UnikernelCommand.Info(), ":").success()).isEqualTo(stateBefore);
    }

    @Test
    void aFrameLongerThanTheCapIsRefusedWithoutWaitingForItsBytes() throws IOException {
        try (RawConnection connection = RawConnection.open(albatrossd.files().socket())) {
            connection.sendLength(Integer.MAX_VALUE);

            assertFailureThenClose(connection);
        }
        assertThat(albatrossd.request(new UnikernelCommand.Info(), ":").success()).isEqualTo(stateBefore);
    }

    private static void assertFailureAndNothingChanged(byte[] frame) throws IOException {
        try (RawConnection connection = RawConnection.open(albatrossd.files().socket())) {
            connection.sendFrame(frame);

            assertFailureThenClose(connection);
        }
        assertThat(albatrossd.request(new UnikernelCommand.Info(), ":").success()).isEqualTo(stateBefore);
    }

    private static void assertFailureThenClose(RawConnection connection) throws IOException {
        byte[] reply = connection.readFrame().orElseThrow(
                () -> new AssertionError("the daemon closed the connection without a failure reply"));
        assertThat(WireCodec.decode(reply).payload()).isInstanceOf(Failure.class);
        assertThat(connection.closedByPeer()).as("the daemon closes the connection after a failure").isTrue();
    }
}
