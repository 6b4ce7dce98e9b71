package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVM check, on files standing in for the device (this machine has no /dev/kvm). */
class KvmAccessTest {
    @TempDir
    Path directory;

    @Test
    void aMissingDeviceIsNotUsableAndSaysSo() {
        Path device = directory.resolve("kvm");

        assertThat(KvmAccess.probe(device)).isEqualTo(new KvmAccess(device, Optional.of(device + " does not exist"
                + " (no hardware virtualisation on this host, or the kvm module is not loaded)")));
    }

    @Test
    void aDeviceThatOpensForReadingAndWritingIsUsable() throws Exception {
        Path device = Files.createFile(directory.resolve("kvm"));

        assertThat(KvmAccess.probe(device).usable()).isTrue();
    }

    @Test
    void aDeviceThatDoesNotOpenIsNotUsable() {
        assertThat(KvmAccess.probe(directory).problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith(directory + " cannot be opened for reading and writing: "));
    }
}
