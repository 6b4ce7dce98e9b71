package org.albatross.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.albatross.protocol.Name;
import org.junit.jupiter.api.Test;

class NameOnDiskTest {
    @Test
    void aNameIsItsWireFormWithUnderscoresAndTheFileNameGivesItBack() {
        for (String wire : new String[] {":hello", "foo:web", "a:b:web.1", "x-y:z.log"}) {
            Name name = Name.parse(wire);
            assertThat(NameOnDisk.unikernel(NameOnDisk.of(name))).contains(name);
        }
        assertThat(NameOnDisk.of(Name.parse("foo:web"))).isEqualTo("foo_web");
        assertThat(NameOnDisk.of(Name.parse(":hello"))).isEqualTo("hello");
    }

    @Test
    void aFileNameThatIsNoUnikernelsNameIsNone() {
        assertThat(NameOnDisk.unikernel("")).isEmpty();
        assertThat(NameOnDisk.unikernel("foo_")).isEmpty();
        assertThat(NameOnDisk.unikernel("_web")).isEmpty();
        assertThat(NameOnDisk.unikernel("has space")).isEmpty();
        assertThat(NameOnDisk.unikernel("..")).isEmpty();
    }
}
