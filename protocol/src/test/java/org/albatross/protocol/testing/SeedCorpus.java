package org.albatross.protocol.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.albatross.protocol.CertificateCommand;
import org.albatross.protocol.codec.WireCodec;

/**
 * Writes the Jazzer seed corpora from our own encoder and sample messages (never from albatross's vector files).
 * Its argument is the protocol module's directory (docs/protocol.md, "Fuzzing", has the command);
 * {@code SeedCorpusTest} checks that the committed files are what this writes.
 */
public final class SeedCorpus {
    static final long SEED = 20251124L;
    static final int MESSAGES = 24;
    static final String DECODER_DIRECTORY =
            "src/test/resources/org/albatross/protocol/codec/WireDecoderFuzzTestInputs/decodingRaisesOnlyProtocolErrorAndWhatDecodesRoundTrips";
    static final String FRAMING_DIRECTORY =
            "src/test/resources/org/albatross/protocol/netty/FrameDecoderFuzzTestInputs/framingRaisesOnlyProtocolError";

    private SeedCorpus() {
    }

    /** File name to content, for the decoder's corpus: messages of every kind, and extension values. */
    static Map<String, byte[]> decoderSeeds() {
        RandomMessages random = new RandomMessages(SEED);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            seeds.put(String.format("wire-%02d", i), WireCodec.encode(random.wire()));
        }
        for (int i = 0; i < MESSAGES / 4; i++) {
            seeds.put(String.format("extension-%02d", i), WireCodec.encodeExtension(new CertificateCommand(random.command())));
        }
        return seeds;
    }

    /** The framing corpus: a few framed messages back to back, and an end-of-stream frame. */
    static Map<String, byte[]> framingSeeds() {
        RandomMessages random = new RandomMessages(SEED + 1);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGES / 2; i++) {
            byte[] first = WireCodec.encode(random.wire());
            byte[] second = WireCodec.encode(random.wire());
            ByteBuffer stream = ByteBuffer.allocate(8 + first.length + second.length + 4);
            stream.putInt(first.length).put(first).putInt(second.length).put(second).putInt(0);
            seeds.put(String.format("frames-%02d", i), stream.array());
        }
        return seeds;
    }

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        SeedFiles.write(module.resolve(DECODER_DIRECTORY), decoderSeeds());
        SeedFiles.write(module.resolve(FRAMING_DIRECTORY), framingSeeds());
    }
}
