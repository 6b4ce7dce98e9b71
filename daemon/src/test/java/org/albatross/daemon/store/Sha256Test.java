package org.albatross.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.albatross.protocol.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Sha256Test {
    /** Around SHA-256's 64-byte block and its padding, and past the native slice of 256 KiB. */
    private static final int[] SIZES = {0, 1, 55, 56, 63, 64, 65, 127, 128, 4096, 80_872, 256 * 1024,
            256 * 1024 + 1, 700_001};

    static Stream<Arguments> digests() {
        return Stream.of(Arguments.of("libcrypto", (Supplier<Sha256>) OpenSslSha256::new),
                Arguments.of("the JDK", (Supplier<Sha256>) JdkSha256::new));
    }

    @Test
    void theBuildsLibraryFindsTheHostsLibcrypto() {
        assumeTrue(Stream.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
                .anyMatch(directory -> Files.exists(Path.of(directory, "libcrypto.so.3"))),
                "this host has no libcrypto.so.3");

        assertThat(OpenSslSha256.LINKED).as("libalbatross-sha256 loaded, and libcrypto's SHA-256 found").isTrue();
        assertThat(Sha256.start()).isInstanceOf(OpenSslSha256.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digests")
    void digestsAsTheJdkDoesWhateverTheSizeAndTheSlicing(String by, Supplier<Sha256> digests) throws Exception {
        assumeTrue(!by.equals("libcrypto") || OpenSslSha256.LINKED, "libcrypto's SHA-256 is not found here");
        Random random = new Random(17);
        for (int size : SIZES) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Octets expected = Octets.of(MessageDigest.getInstance("SHA-256").digest(bytes));

            assertThat(digestInPieces(digests.get(), bytes, random, false)).as("%d bytes, in arrays", size)
                    .isEqualTo(expected);
            assertThat(digestInPieces(digests.get(), bytes, random, true)).as("%d bytes, read-only", size)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aBufferIsDigestedFromItsPositionToItsLimitAndLeftAsItWas() throws Exception {
        byte[] bytes = "only this part, not the rest".getBytes();
        ByteBuffer part = ByteBuffer.wrap(bytes, 5, 9).slice().asReadOnlyBuffer();

        assertThat(Sha256.of(part))
                .isEqualTo(Octets.of(MessageDigest.getInstance("SHA-256").digest("this part".getBytes())));
        assertThat(part.remaining()).isEqualTo(9);
    }

    /** Digests {@code bytes} in random pieces, each at an offset inside a larger array, or through read-only buffers. */
    private static Octets digestInPieces(Sha256 digest, byte[] bytes, Random random, boolean readOnly) {
        int at = 0;
        while (at < bytes.length) {
            int length = Math.min(bytes.length - at, 1 + random.nextInt(300_000));
            byte[] padded = new byte[length + 10];
            System.arraycopy(bytes, at, padded, 7, length);
            ByteBuffer wrapped = ByteBuffer.wrap(padded, 7, length);
            ByteBuffer piece = readOnly ? wrapped.asReadOnlyBuffer() : wrapped;
            digest.update(piece);
            assertThat(piece.hasRemaining()).as("the piece consumed").isFalse();
            at += length;
        }
        return digest.finish();
    }
}
