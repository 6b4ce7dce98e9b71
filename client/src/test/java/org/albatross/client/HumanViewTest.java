package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.junit.jupiter.api.Test;

class HumanViewTest {
    private static final Instant AT = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void aRefusalReadsAsKeyValuesWithItsSessionNotAsARecord() {
        Event refused = new Event.CommandRefused(Path.of("a"), "Destroy for a:web", "not found",
                Optional.of(new Event.Session(Path.of("a"), BigInteger.valueOf(42), "/127.0.0.1:4242")));

        assertThat(HumanView.of(new Data.EventEntry(AT, refused))).isEqualTo("2026-11-25T03:00:00Z command-refused"
                + " who=a what=Destroy for a:web why=not found by.tenant=a by.leaf_serial=42 by.remote=/127.0.0.1:4242");
    }

    @Test
    void aNestedAlternativeIsNamedByItsKindAndEmptyFieldsAreLeftOut() {
        Event stopped = new Event.UnikernelStop(Name.parse("a:web"), new Event.ExitStatus.Exited(3));
        Event started = new Event.UnikernelStart(Name.parse("a:web"), 7, Octets.of(new byte[] {1, (byte) 0xab}),
                List.of(), List.of("disk"), "qemu");

        assertThat(HumanView.of(new Data.EventEntry(AT, stopped)))
                .endsWith(" unikernel-stop name=a:web status=exited status.code=3");
        assertThat(HumanView.of(new Data.EventEntry(AT, started)))
                .endsWith(" unikernel-start name=a:web pid=7 image_digest=01ab blocks=[\"disk\"] adapter=qemu");
    }
}
