package org.albatross.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Set;
import org.albatross.protocol.Octets;
import org.junit.jupiter.api.BeforeEach;
import org.albatross.vmm.solo5.ZlibImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    private static final byte[] IMAGE = "an image, in fact any bytes".getBytes();

    @TempDir
    Path dbdir;
    private ImageStore store;

    @BeforeEach
    void open() throws IOException {
        store = ImageStore.open(dbdir.resolve("images"));
    }

    @Test
    void anImageIsStoredUnderItsSha256() throws Exception {
        StoredImage image = receive(IMAGE, false);

        assertThat(image.digest()).isEqualTo(sha256(IMAGE));
        assertThat(image.file()).isEqualTo(store.file(sha256(IMAGE)));
        assertThat(Files.readAllBytes(image.file())).isEqualTo(IMAGE);
        assertThat(image.size()).isEqualTo(IMAGE.length);
        assertThat(Files.getPosixFilePermissions(image.file())).as("the daemon's file mode").isEqualTo(PrivateFiles.FILE);
        assertThat(store.directory().toFile().list()).as("no temporary file left").hasSize(1);
    }

    @Test
    void aCompressedImageIsStoredInflatedAndNamedByItsInflatedDigest() throws Exception {
        StoredImage image = receive(ZlibImage.deflate(IMAGE, 6), true);

        assertThat(image.digest()).isEqualTo(sha256(IMAGE));
        assertThat(Files.readAllBytes(image.file())).isEqualTo(IMAGE);
    }

    @Test
    void theSameImageTwiceIsOneFile() throws Exception {
        StoredImage first = receive(IMAGE, false);
        StoredImage second = receive(ZlibImage.deflate(IMAGE, 6), true);

        assertThat(second).isEqualTo(first);
        assertThat(store.directory().toFile().list()).hasSize(1);
    }

    @Test
    void aWholeImageIsStoredUnderItsSha256AndAgainWithoutAWrite() throws Exception {
        StoredImage first = store.store(Octets.of(IMAGE));
        assertThat(first).isEqualTo(new StoredImage(sha256(IMAGE), IMAGE.length, store.file(sha256(IMAGE))));
        assertThat(Files.readAllBytes(first.file())).isEqualTo(IMAGE);
        assertThat(Files.getPosixFilePermissions(first.file())).as("the daemon's file mode")
                .isEqualTo(PrivateFiles.FILE);
        Object written = fileKey(first.file());

        StoredImage again = store.store(Octets.of(IMAGE));
        assertThat(again).isEqualTo(first);
        assertThat(fileKey(again.file())).as("the same file, not one written and renamed over it").isEqualTo(written);
        assertThat(store.directory().toFile().list()).as("no temporary file left").hasSize(1);
    }

    @Test
    void aWholeImageStoredAgainIsPinnedAgain() throws Exception {
        StoredImage first = store.store(Octets.of(IMAGE));
        StoredImage again = store.store(Octets.of(IMAGE));
        store.release(first);

        assertThat(store.removeAllBut(Set.of())).as("held by the second store").isEmpty();
        store.release(again);
        assertThat(store.removeAllBut(Set.of())).containsExactly(sha256(IMAGE));
    }

    @Test
    void anImageBeyondTheCapIsRefusedAndLeavesNothing() throws IOException {
        try (ImageStore.Intake intake = store.receive(true, 1024, "too large for the test")) {
            byte[] bomb = ZlibImage.deflate(new byte[10 * 1024 * 1024], 6);
            assertThat(bomb.length).as("a small message").isLessThan(20 * 1024);
            assertThatThrownBy(() -> intake.write(bomb, 0, bomb.length)).isInstanceOf(IncomingFile.Refused.class)
                    .hasMessage("too large for the test");
        }
        assertThat(store.directory().toFile().list()).isEmpty();
    }

    @Test
    void brokenOrTruncatedCompressedDataIsRefused() throws IOException {
        byte[] compressed = ZlibImage.deflate(IMAGE, 6);
        try (ImageStore.Intake intake = store.receive(true, 1024, "too large")) {
            assertThatThrownBy(() -> intake.write(IMAGE, 0, IMAGE.length)).isInstanceOf(IncomingFile.Refused.class)
                    .hasMessageStartingWith("failed to uncompress: not a zlib stream");
        }
        try (ImageStore.Intake intake = store.receive(true, 1024, "too large")) {
            assertThatThrownBy(() -> {
                intake.write(compressed, 0, compressed.length - 3);
                intake.store();
            }).isInstanceOf(IncomingFile.Refused.class).hasMessageContaining("cut short");
        }
        assertThat(store.directory().toFile().list()).isEmpty();
    }

    @Test
    void anImageIsNamedByItsDigestAndNothingElseIs() throws Exception {
        StoredImage image = receive(IMAGE, false);
        String digest = image.file().getFileName().toString();

        assertThat(ImageStore.isImageName(digest)).isTrue();
        assertThat(ImageStore.isImageName(digest.toUpperCase())).as("upper case").isFalse();
        assertThat(ImageStore.isImageName(digest.substring(1))).as("63 digits").isFalse();
        assertThat(ImageStore.isImageName(digest + "0")).as("65 digits").isFalse();
        assertThat(ImageStore.isImageName("g" + digest.substring(1))).as("not hexadecimal").isFalse();
        assertThat(ImageStore.isImageName(".incoming-" + digest.substring(10))).isFalse();
    }

    @Test
    void unusedImagesGoButPinnedOnesStay() throws Exception {
        StoredImage kept = receive(IMAGE, false);
        StoredImage pinned = receive("another".getBytes(), false);
        StoredImage unused = receive("a third".getBytes(), false);
        store.release(kept);
        store.release(unused);

        assertThat(store.removeAllBut(Set.of(kept.digest()))).containsExactly(unused.digest());
        assertThat(kept.file()).exists();
        assertThat(pinned.file()).as("a create still holds it").exists();
        assertThat(unused.file()).doesNotExist();

        store.release(pinned);
        assertThat(store.removeAllBut(Set.of(kept.digest()))).containsExactly(pinned.digest());
    }

    @Test
    void theImagesThereWhenOpenedAreKnownAndOneRemovedByHandIsForgotten() throws Exception {
        StoredImage first = receive(IMAGE, false);
        StoredImage second = receive("another".getBytes(), false);
        store.release(first);
        store.release(second);
        Files.delete(second.file());

        ImageStore reopened = ImageStore.open(store.directory());
        Files.delete(first.file());

        assertThat(reopened.removeAllBut(Set.of())).as("the images listed at open, gone already or not")
                .containsExactly(first.digest());
        StoredImage third = receive("a third".getBytes(), false);
        store.release(third);
        assertThat(store.removeAllBut(Set.of())).as("the first store's own, one of them removed by hand")
                .containsExactlyInAnyOrder(first.digest(), second.digest(), third.digest());
        assertThat(store.directory().toFile().list()).isEmpty();
    }

    @Test
    void whatAnEarlierDaemonLeftArrivingIsRemovedAtOpen() throws IOException {
        Files.write(store.directory().resolve(".incoming-2f1c"), IMAGE);

        ImageStore reopened = ImageStore.open(store.directory());

        assertThat(reopened.directory().toFile().list()).isEmpty();
    }

    private StoredImage receive(byte[] bytes, boolean compressed) throws Exception {
        try (ImageStore.Intake intake = store.receive(compressed, 1 << 20, "too large")) {
            intake.write(bytes, 0, bytes.length);
            return intake.store();
        }
    }


    /** What tells a file apart from another of the same name (its inode). */
    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    private static Octets sha256(byte[] bytes) throws Exception {
        return Octets.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
