package org.albatross.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.StateStore;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.vmm.solo5.ZlibImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dbdir of an earlier albatrossd, whose state file held every image, loads and is converted once. */
class StateConversionTest {
    private static final UnikernelArguments ARGUMENTS = new UnikernelArguments(new FailBehaviour.Quit(),
            Optional.of(20), false, Set.of(), 32, Set.of(), Set.of(), Optional.of(List.of("forever")), 1,
            Optional.empty());
    private static final Policy POLICY = new Policy(3, Set.of(0), 256, Optional.of(100L), Set.of());

    @TempDir
    Path dbdir;

    @Test
    void aStateWithImagesIsConvertedToImagesByDigestAndTheOldFileIsKeptAsBackup() throws Exception {
        byte[] web = image("the web unikernel's image");
        byte[] dns = image("the dns unikernel's image");
        byte[] old = stateFileWithImages(
                frame(0, "tenant:", new PolicyCommand.Add(POLICY)),
                frame(0, "tenant:data", new BlockCommand.Add(10)),
                frame(0, "tenant:web", create(web, false)),
                frame(1, "tenant:dns", create(ZlibImage.deflate(dns, 6), true)));
        Files.write(dbdir.resolve("state"), old);
        ImageStore images = ImageStore.open(dbdir.resolve("images"));

        DaemonState state = new SavedState(StateStore.open(dbdir), images, 1 << 20, Clock.systemUTC()).load(false);

        assertThat(state.policies()).containsEntry(org.albatross.protocol.Path.of("tenant"), POLICY);
        assertThat(state.blockDevices()).containsEntry(Name.parse("tenant:data"), 10L);
        assertThat(state.unikernels()).containsEntry(Name.parse("tenant:web"),
                new UnikernelSpec(UnikernelType.SOLO5, sha256(web), ARGUMENTS));
        assertThat(state.stopped()).as("kept stopped, its image inflated")
                .containsEntry(Name.parse("tenant:dns"), new UnikernelSpec(UnikernelType.SOLO5, sha256(dns), ARGUMENTS));
        assertThat(Files.readAllBytes(images.file(sha256(web)))).isEqualTo(web);
        assertThat(Files.readAllBytes(images.file(sha256(dns)))).isEqualTo(dns);
        assertThat(Files.readAllBytes(dbdir.resolve("state.bak"))).as("the old file, untouched").isEqualTo(old);
        assertThat(Files.size(dbdir.resolve("state"))).as("no image inside any more").isLessThan(1024);

        DaemonState again = new SavedState(StateStore.open(dbdir), images, 1 << 20, Clock.systemUTC()).load(false);
        assertThat(again).as("the next start reads the converted state").isEqualTo(state);
    }

    @Test
    void anImageTooLargeToConvertRefusesTheStartAndChangesNothing() throws Exception {
        byte[] old = stateFileWithImages(frame(0, "web", create(new byte[4096], false)));
        Files.write(dbdir.resolve("state"), old);
        ImageStore images = ImageStore.open(dbdir.resolve("images"));

        assertThatThrownBy(() -> new SavedState(StateStore.open(dbdir), images, 1024, Clock.systemUTC()).load(false))
                .isInstanceOf(SavedState.StateRefused.class).hasMessageContaining("the image of :web");
        assertThat(Files.readAllBytes(dbdir.resolve("state"))).isEqualTo(old);
    }

    /** 64 KiB of an image, unlike any other. */
    private static byte[] image(String text) {
        byte[] image = new byte[64 * 1024];
        byte[] start = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, image, 0, start.length);
        return image;
    }

    private static UnikernelCommand.Create create(byte[] image, boolean compressed) {
        return new UnikernelCommand.Create(new UnikernelConfig(UnikernelType.SOLO5, compressed, Octets.of(image),
                ARGUMENTS));
    }

    private static byte[] frame(long sequence, String name, Command command) {
        byte[] message = WireCodec.encode(new Wire(new Header(sequence, Name.parse(name)), command));
        return ByteBuffer.allocate(Integer.BYTES + message.length).putInt(message.length).put(message).array();
    }

    /** The state file as earlier daemons wrote it: format version 1 around the frames. */
    private static byte[] stateFileWithImages(byte[]... frames) {
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            state.writeBytes(frame);
        }
        byte[] payload = state.toByteArray();
        ByteBuffer file = ByteBuffer.allocate(16 + payload.length + 4);
        file.put("ALBSTATE".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(file.array(), 0, file.position());
        return file.putInt((int) crc.getValue()).array();
    }


    private static Octets sha256(byte[] bytes) throws Exception {
        return Octets.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
