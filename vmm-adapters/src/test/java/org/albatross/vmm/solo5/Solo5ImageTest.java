package org.albatross.vmm.solo5;

import static org.albatross.vmm.solo5.Solo5Fixtures.fixture;
import static org.albatross.vmm.solo5.Solo5Fixtures.noteHeaderAt;
import static org.albatross.vmm.solo5.Solo5Fixtures.withInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.TestKernel;
import org.albatross.vmm.solo5.Solo5Device.Kind;
import org.junit.jupiter.api.Test;

class Solo5ImageTest {

    @Test
    void readsTheHvtTargetAndAnEmptyManifest() throws ImageRejected {
        Solo5Image image = Solo5Image.read(fixture("hvt-no-devices"));

        assertThat(image.abi()).isEqualTo(new Solo5Abi(Solo5Target.HVT, 2));
        assertThat(image.manifest().devices()).isEmpty();
    }

    @Test
    void readsTheSptTarget() throws ImageRejected {
        assertThat(Solo5Image.read(fixture("spt-no-devices")).abi()).isEqualTo(new Solo5Abi(Solo5Target.SPT, 2));
    }

    @Test
    void readsABlockDevice() throws ImageRejected {
        Solo5Manifest manifest = Solo5Image.read(fixture("spt-block-storage")).manifest();

        assertThat(manifest.devices()).containsExactly(new Solo5Device("storage", Kind.BLOCK_BASIC));
        assertThat(manifest.blockNames()).containsExactly("storage");
        assertThat(manifest.networkNames()).isEmpty();
    }

    @Test
    void readsTwoNetworksInManifestOrder() throws ImageRejected {
        Solo5Manifest manifest = Solo5Image.read(fixture("hvt-two-networks")).manifest();

        assertThat(manifest.devices()).containsExactly(new Solo5Device("service0", Kind.NET_BASIC),
                new Solo5Device("service1", Kind.NET_BASIC));
        assertThat(manifest.networkNames()).containsExactlyInAnyOrder("service0", "service1");
    }

    @Test
    void readsAnElf32VirtioImage() throws ImageRejected {
        Solo5Image image = Solo5Image.read(fixture("virtio-block-storage"));

        assertThat(image.abi()).isEqualTo(new Solo5Abi(Solo5Target.VIRTIO, 2));
        assertThat(image.manifest().blockNames()).containsExactly("storage");
    }

    @Test
    void readsTheLargestManifest() throws ImageRejected {
        Solo5Manifest manifest = Solo5Image.read(fixture("spt-63-devices")).manifest();

        assertThat(manifest.devices()).hasSize(63);
        assertThat(manifest.devices().get(0)).isEqualTo(new Solo5Device("block00", Kind.BLOCK_BASIC));
        assertThat(manifest.devices().get(62)).isEqualTo(new Solo5Device("block62", Kind.BLOCK_BASIC));
        assertThat(manifest.networkNames()).hasSize(31).contains("net01", "net61");
    }

    @Test
    void refusesATruncatedImage() {
        byte[] image = fixture("hvt-two-networks");
        byte[] truncated = Arrays.copyOf(image, noteHeaderAt(image, Solo5Image.MANIFEST_NOTE_TYPE) + 100);

        assertThatThrownBy(() -> Solo5Image.read(truncated)).isInstanceOf(ImageRejected.class)
                .hasMessageStartingWith("truncated ELF file: the notes of program header")
                .hasMessageContaining("but the file has only " + truncated.length + " bytes");
    }

    @Test
    void refusesAFileCutInsideTheElfHeader() {
        assertThatThrownBy(() -> Solo5Image.read(Arrays.copyOf(fixture("spt-no-devices"), 40)))
                .hasMessage("truncated ELF file: the ELF header lies at bytes 0 to 64 but the file has only 40 bytes");
    }

    @Test
    void refusesAFileThatIsNotElf() {
        assertThatThrownBy(() -> Solo5Image.read("#!/bin/sh\necho hello\n".getBytes()))
                .hasMessage("not an ELF file: it does not start with 0x7f 'E' 'L' 'F'");
    }

    @Test
    void findsNoSolo5NotesInAPlainMultibootKernel() {
        assertThatThrownBy(() -> Solo5Image.read(TestKernel.bytes()))
                .hasMessage("not a Solo5 image: it has no Solo5 ABI (type ABI1) note; build it with Solo5 0.6 or later"
                        + " (MirageOS 4)");
    }

    @Test
    void refusesABigEndianElf() {
        byte[] image = fixture("spt-no-devices");
        image[5] = 2;

        assertThatThrownBy(() -> Solo5Image.read(image)).hasMessage("not a Solo5 image: a Solo5 image is a"
                + " little-endian ELF file, this one is of class 2 and data encoding 2");
    }

    @Test
    void refusesAnImageWhoseManifestNoteHasAnotherType() {
        byte[] image = fixture("spt-block-storage");
        byte[] patched = withInt(image, noteHeaderAt(image, Solo5Image.MANIFEST_NOTE_TYPE) + 8, 0x3254464d);

        assertThatThrownBy(() -> Solo5Image.read(patched))
                .hasMessageStartingWith("not a Solo5 image: it has no Solo5 manifest (type MFT1) note");
    }

    @Test
    void refusesAnImageWithoutAbiNote() {
        byte[] image = fixture("spt-no-devices");
        byte[] patched = withInt(image, noteHeaderAt(image, Solo5Image.ABI_NOTE_TYPE) + 8, 0);

        assertThatThrownBy(() -> Solo5Image.read(patched))
                .hasMessageStartingWith("not a Solo5 image: it has no Solo5 ABI (type ABI1) note");
    }

    @Test
    void refusesAManifestWithTooManyEntries() {
        byte[] image = fixture("spt-63-devices");
        int manifest = noteHeaderAt(image, Solo5Image.MANIFEST_NOTE_TYPE) + 24;
        byte[] patched = withInt(image, manifest + 4, 65);

        assertThatThrownBy(() -> Solo5Image.read(patched))
                .hasMessage("broken Solo5 manifest: it declares 65 entries, at most 64 are allowed (63 devices)");
    }

    @Test
    void refusesAManifestWhoseDescriptorIsTooShortForItsEntries() {
        byte[] image = fixture("hvt-two-networks");
        int note = noteHeaderAt(image, Solo5Image.MANIFEST_NOTE_TYPE);
        byte[] patched = withInt(image, note + 4, 4 + 8 + 2 * 104);

        assertThatThrownBy(() -> Solo5Image.read(patched)).hasMessage("broken Solo5 manifest: 3 entries need 320"
                + " bytes but the note's descriptor holds 216 (after 4 bytes of alignment)");
    }

    @Test
    void refusesAManifestDescriptorShorterThanItsHeader() {
        byte[] image = fixture("spt-no-devices");
        byte[] patched = withInt(image, noteHeaderAt(image, Solo5Image.MANIFEST_NOTE_TYPE) + 4, 6);

        assertThatThrownBy(() -> Solo5Image.read(patched)).hasMessage("broken Solo5 manifest note: its descriptor"
                + " has 6 bytes, too short for even the manifest header (12 bytes)");
    }

    @Test
    void refusesAnUnknownTarget() {
        byte[] image = fixture("spt-no-devices");
        byte[] patched = withInt(image, noteHeaderAt(image, Solo5Image.ABI_NOTE_TYPE) + 20, 9);

        assertThatThrownBy(() -> Solo5Image.read(patched))
                .hasMessage("unknown Solo5 target 9 in the ABI note (known: 1 hvt to 6 xen)");
    }

    @Test
    void inflatesACompressedImageBeforeReadingIt() throws Exception {
        byte[] image = fixture("spt-block-storage");

        assertThat(ZlibImage.inflate(zlib(image), image.length)).isEqualTo(image);
    }

    @Test
    void refusesACompressedImageThatInflatesBeyondTheLimit() {
        byte[] image = fixture("spt-block-storage");

        assertThatThrownBy(() -> ZlibImage.inflate(zlib(image), image.length - 1))
                .hasMessage("compressed image inflates to more than the limit of " + (image.length - 1)
                        + " bytes; raise the image size limit or send a smaller image");
    }

    @Test
    void refusesACompressedImageThatIsNotZlib() {
        assertThatThrownBy(() -> ZlibImage.inflate(fixture("spt-no-devices"), 1 << 20))
                .hasMessageStartingWith("broken compressed image: not a zlib stream");
    }

    @Test
    void refusesACompressedImageCutShort() throws Exception {
        byte[] compressed = zlib(fixture("spt-no-devices"));

        assertThatThrownBy(() -> ZlibImage.inflate(Arrays.copyOf(compressed, compressed.length / 2), 1 << 20))
                .hasMessageContaining("without its end marker");
    }

    private static byte[] zlib(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(data);
        }
        return out.toByteArray();
    }
}
