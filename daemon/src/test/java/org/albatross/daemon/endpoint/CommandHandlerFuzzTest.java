package org.albatross.daemon.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.albatross.daemon.testing.FakeDaemon;
import org.albatross.protocol.Failure;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.testing.InputTimeLimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz test of the local endpoint: any bytes sent as one frame that is not a valid message get exactly a
 * failure reply, the connection closes, and nothing is saved. In a normal run it replays its seeds; with
 * JAZZER_FUZZ=1 it fuzzes.
 */
class CommandHandlerFuzzTest {
    private static Path directory;
    private static FakeDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        directory = Files.createTempDirectory("command-handler-fuzz");
        daemon = new FakeDaemon(directory);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    @FuzzTest(maxDuration = "60s")
    void aFrameThatIsNotAMessageGetsAFailureAndChangesNothing(byte[] input) throws Exception {
        if (!decodes(input)) {
            InputTimeLimit.check(() -> refuse(input));
        }
    }

    private static void refuse(byte[] input) {
        int saved = daemon.saved.size();
        EmbeddedChannel channel = new EmbeddedChannel(new LocalEndpointInitializer(() -> daemon.dispatcher, 1 << 20));
        try {
            channel.writeInbound(Unpooled.buffer().writeInt(input.length).writeBytes(input));
            ByteBuf reply = channel.readOutbound();
            // an empty frame too: it ends no stream here
            reply.readInt();
            assertThat(WireCodec.decode(ByteBufUtil.getBytes(reply)).payload()).isInstanceOf(Failure.class);
            reply.release();
            Object more = channel.readOutbound();
            assertThat(more).as("one reply, nothing after it").isNull();
            assertThat(channel.isOpen()).isFalse();
            assertThat(daemon.saved).hasSize(saved);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static boolean decodes(byte[] input) {
        try {
            Wire ignored = WireCodec.decode(input);
            return true;
        } catch (ProtocolError e) {
            return false;
        }
    }
}
