package org.albatross.daemon.endpoint.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.albatross.config.DaemonConfig;
import org.junit.jupiter.api.Test;

class ConnectionBudgetTest {
    private static final InetAddress TENANT = address("127.0.0.1");
    private static final InetAddress FLOOD = address("127.0.0.2");
    private static final InetAddress OTHER = address("127.0.0.3");

    /** At most {@code connections} open, {@code perAddress} from one address, {@code handshakes} under way. */
    private static ConnectionBudget<String> budget(int connections, int perAddress, int handshakes) {
        return new ConnectionBudget<>(new DaemonConfig.TlsLimits(Duration.ofSeconds(5), Duration.ofMinutes(10),
                connections, perAddress, handshakes, 1 << 20));
    }

    @Test
    void anAddressWithAllItMayOpenIsRefusedAndOnlyItself() {
        ConnectionBudget<String> budget = budget(8, 2, 8);
        admitted(budget.admit("f1", FLOOD));
        admitted(budget.admit("f2", FLOOD));

        assertThat(budget.admit("f3", FLOOD)).isEqualTo(new ConnectionBudget.Refused<String>(
                Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS, "at most 2 from 127.0.0.2"));
        assertThat(admitted(budget.admit("t1", TENANT)).displaced()).isEmpty();
        budget.closed("f1");
        assertThat(admitted(budget.admit("f3", FLOOD)).displaced()).isEmpty();
    }

    @Test
    void beyondTheHandshakesANewConnectionDisplacesTheOldestOfTheAddressWithTheMost() {
        ConnectionBudget<String> budget = budget(16, 16, 3);
        admitted(budget.admit("o1", OTHER));
        admitted(budget.admit("f1", FLOOD));
        admitted(budget.admit("f2", FLOOD));

        ConnectionBudget.Displaced<String> displaced = admitted(budget.admit("t1", TENANT)).displaced().orElseThrow();

        assertThat(displaced.connection()).as("the older of FLOOD's two, not OTHER's older one").isEqualTo("f1");
        assertThat(displaced.detail()).isEqualTo("the oldest of the 2 from 127.0.0.2, the most from one address,"
                + " made room for a new connection (at most 3 handshakes and 16 connections at once)");
        budget.closed("f1");
        assertThat(admitted(budget.admit("f3", FLOOD)).displaced().orElseThrow().connection())
                .as("among addresses with one each, the oldest handshake").isEqualTo("o1");
    }

    @Test
    void aConnectionPastItsHandshakeIsNeverDisplaced() {
        ConnectionBudget<String> budget = budget(16, 16, 1);
        admitted(budget.admit("t1", TENANT));
        budget.handshakeDone("t1");
        admitted(budget.admit("f1", FLOOD));

        assertThat(admitted(budget.admit("f2", FLOOD)).displaced().orElseThrow().connection()).isEqualTo("f1");
        assertThat(admitted(budget.admit("f3", FLOOD)).displaced().orElseThrow().connection()).isEqualTo("f2");
    }

    @Test
    void whenEveryConnectionIsOpenANewOneDisplacesAHandshakeAndIsRefusedOnlyIfThereIsNone() {
        ConnectionBudget<String> budget = budget(2, 2, 2);
        admitted(budget.admit("t1", TENANT));
        budget.handshakeDone("t1");
        admitted(budget.admit("f1", FLOOD));

        assertThat(admitted(budget.admit("t2", TENANT)).displaced().orElseThrow().connection()).isEqualTo("f1");
        budget.handshakeDone("t2");
        assertThat(budget.admit("f2", FLOOD)).isEqualTo(new ConnectionBudget.Refused<String>(
                Refusal.TOO_MANY_CONNECTIONS, "at most 2 at once"));
    }

    @Test
    void aDisplacedConnectionClosingLaterFreesNothingTwice() {
        ConnectionBudget<String> budget = budget(16, 2, 1);
        admitted(budget.admit("f1", FLOOD));
        assertThat(admitted(budget.admit("f2", FLOOD)).displaced().orElseThrow().connection()).isEqualTo("f1");
        budget.closed("f1");
        budget.handshakeDone("f1");
        budget.handshakeDone("f2");

        assertThat(admitted(budget.admit("f3", FLOOD)).displaced()).isEmpty();
        assertThat(budget.admit("f4", FLOOD)).as("f2 and f3 are open").isEqualTo(
                new ConnectionBudget.Refused<String>(Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS,
                        "at most 2 from 127.0.0.2"));
    }

    private static ConnectionBudget.Admitted<String> admitted(ConnectionBudget.Admission<String> admission) {
        assertThat(admission).isInstanceOf(ConnectionBudget.Admitted.class);
        return (ConnectionBudget.Admitted<String>) admission;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
