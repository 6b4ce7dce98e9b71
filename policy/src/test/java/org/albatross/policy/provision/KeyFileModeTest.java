package org.albatross.policy.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFileModeTest {

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------", "rwx------", "---------"})
    void aKeyOnlyItsOwnerMayTouchIsProtected(String mode) {
        assertThat(KeyFileMode.whyUnprotected("root.key", PosixFilePermissions.fromString(mode))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw------x", "rw-rw-rw-"})
    void aKeyTheGroupOrOthersMayTouchIsUnprotected(String mode) {
        assertThat(KeyFileMode.whyUnprotected("root.key", PosixFilePermissions.fromString(mode)))
                .hasValueSatisfying(why -> assertThat(why).startsWith("unprotected private key file root.key:"));
    }

    @Test
    void theRefusalNamesTheModeAsChmodWritesIt() {
        assertThat(KeyFileMode.whyUnprotected("pki/root.key", PosixFilePermissions.fromString("rw-r--r--")))
                .hasValue("unprotected private key file pki/root.key: permissions 0644 are too open, a private key"
                        + " must be accessible by its owner alone (chmod 600 pki/root.key)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwx------", "rwxr-xr-x", "rwxrwxr-x"})
    void aDirectoryOthersMayNotWriteToMayHoldKeys(String mode) {
        assertThat(KeyFileMode.whyUnsafeDirectory("pki", PosixFilePermissions.fromString(mode))).isEmpty();
    }

    @Test
    void aDirectoryOthersMayWriteToMayNot() {
        assertThat(KeyFileMode.whyUnsafeDirectory("/tmp/pki", PosixFilePermissions.fromString("rwxrwxrwx")))
                .hasValue("refusing to write a private key into /tmp/pki: others may write to it (permissions 0777)"
                        + " and could replace the key; chmod o-w /tmp/pki");
    }
}
