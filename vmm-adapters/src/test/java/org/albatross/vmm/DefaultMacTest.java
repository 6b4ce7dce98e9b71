package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;

import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.Test;

/**
 * Expected addresses computed independently:
 * {@code python3 -c 'import hashlib; print(hashlib.md5(b"service:hello").hexdigest()[:6])'}.
 */
class DefaultMacTest {

    @Test
    void isAlbatrossPrefixThenTheMd5OfNetifAndName() {
        assertThat(DefaultMac.of("service", Name.parse("hello"))).isEqualTo(MacAddress.parse("00:80:41:cd:8a:eb"));
    }

    @Test
    void usesTheNamesWireFormWithItsPath() {
        assertThat(DefaultMac.of("service0", Name.parse("foo:bar:web")))
                .isEqualTo(MacAddress.parse("00:80:41:1f:25:b7"));
    }

    @Test
    void differsPerInterface() {
        Name name = Name.parse("hello");
        assertThat(DefaultMac.of("service0", name)).isNotEqualTo(DefaultMac.of("service1", name));
    }
}
