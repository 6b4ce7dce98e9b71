package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 5: block add/set/dump round-trips the bytes and honours the tenant's block storage quota. */
class BlockIT {
    private static final String TENANT = "storage:";
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @BeforeAll
    static void giveTheTenantThreeMegabytes() {
        albatrossd.request(new PolicyCommand.Add(new Policy(1, Set.of(), 64, Optional.of(3L), Set.of())), TENANT)
                .success();
    }

    @Test
    void whatIsSetIsWhatIsDumped() throws IOException {
        long seed = System.nanoTime();
        System.out.println("block data seed " + seed);
        byte[] data = new byte[MIB];
        new Random(seed).nextBytes(data);
        assertThat(albatrossd.request(new BlockCommand.Add(1), TENANT + "disk"))
                .isEqualTo(new Answer.Succeeded(new Success.Message("added block device")));

        Answer set = albatrossd.upload(new BlockCommand.Set(false), TENANT + "disk", new ByteArrayInputStream(data));

        assertThat(set).isEqualTo(new Answer.Succeeded(new Success.Message("set block device")));
        assertThat(dump(TENANT + "disk", 0, false)).as("the dump of what was set (seed %d)", seed).isEqualTo(data);
        assertThat(albatrossd.request(new BlockCommand.Info(), TENANT + "disk").success())
                .isEqualTo(new Success.BlockDevices(List.of(
                        new Success.BlockDevice(Name.parse(TENANT + "disk"), 1, false))));
    }

    @Test
    void compressedDataIsInflatedWhenSetAndDeflatedWhenDumpedWithALevel() throws IOException, DataFormatException {
        long seed = System.nanoTime();
        System.out.println("compressed block data seed " + seed);
        byte[] data = new byte[MIB];
        Random random = new Random(seed);
        for (int i = 0; i < data.length; i += 64) {
            data[i] = (byte) random.nextInt();
        }
        albatrossd.request(new BlockCommand.Add(1), TENANT + "packed").success();

        Answer set = albatrossd.upload(new BlockCommand.Set(true), TENANT + "packed",
                new ByteArrayInputStream(deflate(data)));

        assertThat(set).isEqualTo(new Answer.Succeeded(new Success.Message("set block device")));
        byte[] dumped = dump(TENANT + "packed", 6, true);
        assertThat(dumped.length).as("compressed dump").isLessThan(data.length);
        assertThat(inflate(dumped)).as("the inflated dump of what was set (seed %d)", seed).isEqualTo(data);
        assertThat(dump(TENANT + "packed", 0, false)).isEqualTo(data);
    }

    @Test
    void aBlockDeviceBeyondTheQuotaIsRefusedAndNotCreated() {
        Answer refused = albatrossd.request(new BlockCommand.Add(4), TENANT + "huge");

        assertThat(refused).isInstanceOf(Answer.Failed.class);
        assertThat(albatrossd.request(new BlockCommand.Info(), TENANT + "huge").success())
                .isEqualTo(new Success.BlockDevices(List.of()));
    }

    @Test
    void dataLargerThanTheDeviceIsRefused() throws IOException {
        albatrossd.request(new BlockCommand.Add(1), TENANT + "small").success();

        Answer set = albatrossd.upload(new BlockCommand.Set(false), TENANT + "small",
                new ByteArrayInputStream(new byte[MIB + 1]));

        assertThat(set).isInstanceOfSatisfying(Answer.Failed.class,
                failed -> assertThat(failed.message()).contains("exceeds"));
    }

    private static byte[] dump(String name, int level, boolean compressed) {
        ByteArrayOutputStream dumped = new ByteArrayOutputStream();
        try (Stream chunks = albatrossd.connect().open(new BlockCommand.Dump(level), Name.parse(name))) {
            assertThat(chunks.reply()).isEqualTo(new Answer.Succeeded(new Success.BlockDeviceImage(compressed)));
            for (Data data : Streams.readUntil(chunks, "the end of the block data", Data.BlockEnd.class::isInstance)) {
                if (data instanceof Data.BlockChunk chunk) {
                    dumped.writeBytes(chunk.bytes().toByteArray());
                }
            }
        }
        return dumped.toByteArray();
    }

    /** Albatross compresses with zlib (RFC 1950): Java's Deflater and Inflater in their default mode. */
    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!inflater.finished()) {
            int inflated = inflater.inflate(buffer);
            if (inflated == 0 && inflater.needsInput()) {
                throw new DataFormatException("the compressed dump ends before its zlib stream does");
            }
            out.write(buffer, 0, inflated);
        }
        inflater.end();
        return out.toByteArray();
    }
}
