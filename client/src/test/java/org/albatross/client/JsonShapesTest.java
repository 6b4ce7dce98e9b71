package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;

/** The JSON of --json: every alternative of a sealed type says its kind, wherever it sits. */
class JsonShapesTest {
    private static final Instant AT = Instant.parse("2026-11-25T03:00:00Z");
    private static final Event.Session SESSION = new Event.Session(Path.of("a"), BigInteger.valueOf(42),
            "/127.0.0.1:4242");
    /** One event of each kind. */
    private static final List<Event> EVERY_KIND = List.of(new Event.Startup(), new Event.Login(SESSION),
            new Event.Logout(SESSION), new Event.UnikernelStart(Name.parse("a:web"), 7, Octets.of(new byte[] {1}),
                    List.of("tap0"), List.of(), "qemu"),
            new Event.UnikernelStop(Name.parse("a:web"), new Event.ExitStatus.Stopped()),
            new Event.UnikernelRestart(Name.parse("a:web")), new Event.Hup(), new Event.Shutdown(),
            new Event.PolicyChanged(Path.of("a"), Optional.of(new Policy(1, Set.of(0), 32, Optional.empty(),
                    Set.of()))),
            new Event.BlockChanged(Name.parse("a:disk"), Optional.of(16L)),
            new Event.CommandRefused(Path.of("a"), "destroy", "not found", Optional.of(SESSION)),
            new Event.StateImported("/var/lib/albatross/state", "/var/lib/albatross/state.albatross-1", "[6]", 2, 1,
                    1),
            new Event.UpdateStarted(Name.parse("a:web"), Octets.of(new byte[] {1}), Octets.of(new byte[] {2}),
                    "exit for 60 s"),
            new Event.UpdatePassed(Name.parse("a:web"), Octets.of(new byte[] {2}), "it ran until the end of its watch"),
            new Event.RolledBack(Name.parse("a:web"), Octets.of(new byte[] {2}), Octets.of(new byte[] {1}),
                    "it exited 3"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventKindIsCoveredHere() {
        assertThat(EVERY_KIND.stream().map(Object::getClass)).containsExactlyInAnyOrderElementsOf(
                Arrays.asList(Event.class.getPermittedSubclasses()));
    }

    @Test
    void everyEventCarriesItsKindAndItsFields() throws Exception {
        for (Event event : EVERY_KIND) {
            JsonNode entry = JSON.readTree(JsonShapes.line(Name.ROOT, new Data.EventEntry(AT, event)));

            assertThat(entry.get("kind").asText()).isEqualTo("event-entry");
            assertThat(entry.get("timestamp").asText()).isEqualTo("2026-11-25T03:00:00Z");
            JsonNode json = entry.get("event");
            assertThat(json.get("kind").asText()).as("the kind of " + event)
                    .isEqualTo(HumanView.of(new Data.EventEntry(AT, event)).split(" ")[1]);
            assertThat(json.size()).as("the kind and the fields of " + event)
                    .isEqualTo(1 + event.getClass().getRecordComponents().length);
        }
    }

    @Test
    void startupAndShutdownAreTheirKindAndANestedStatusIsToo() throws Exception {
        assertThat(JsonShapes.line(Name.ROOT, new Data.EventEntry(AT, new Event.Startup())))
                .isEqualTo("{\"kind\":\"event-entry\",\"name\":\":\",\"timestamp\":\"2026-11-25T03:00:00Z\","
                        + "\"event\":{\"kind\":\"startup\"}}");
        JsonNode stop = JSON.readTree(JsonShapes.line(Name.ROOT, new Data.EventEntry(AT,
                new Event.UnikernelStop(Name.parse("a:web"), new Event.ExitStatus.Exited(3))))).get("event");
        assertThat(stop.toString()).isEqualTo("{\"kind\":\"unikernel-stop\",\"name\":\"a:web\","
                + "\"status\":{\"kind\":\"exited\",\"code\":3}}");
    }

    @Test
    void aCommandsKindNamesItsService() {
        assertThat(JsonShapes.kind(PolicyCommand.Add.class)).isEqualTo("policy-add");
        assertThat(JsonShapes.kind(UnikernelCommand.Create.class)).isEqualTo("unikernel-create");
        assertThat(JsonShapes.kind(StatsCommand.Remove.class)).isEqualTo("stats-remove");
        assertThat(JsonShapes.kind(Data.EventEntry.class)).isEqualTo("event-entry");
        assertThat(JsonShapes.kind(Event.UnikernelStop.class)).isEqualTo("unikernel-stop");
    }
}
