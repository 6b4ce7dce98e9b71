package org.albatross.daemon.endpoint.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.albatross.daemon.endpoint.activation.ListenFds.ListenFd;
import org.junit.jupiter.api.Test;

class ListenFdsTest {
    private static final long PID = 4242;

    @Test
    void socketsPassedToThisProcessStartAtDescriptorThreeWithTheirNames() throws Exception {
        ListenFds passed = ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "local:tls"), PID);

        assertThat(passed.fds()).containsExactly(new ListenFd(3, "local"), new ListenFd(4, "tls"));
    }

    @Test
    void withoutNamesEachIsUnknownAsLibsystemdNamesThem() throws Exception {
        ListenFds passed = ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2"), PID);

        assertThat(passed.fds()).containsExactly(new ListenFd(3, ListenFds.UNNAMED), new ListenFd(4, "unknown"));
        assertThat(passed.fds().get(0)).hasToString("descriptor 3");
        assertThat(passed.fds().get(1).toString()).isEqualTo("descriptor 4");
    }

    @Test
    void anEmptyNameStaysInItsPlace() throws Exception {
        ListenFds passed = ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", ":tls"), PID);

        assertThat(passed.fds()).containsExactly(new ListenFd(3, ""), new ListenFd(4, "tls"));
    }

    @Test
    void socketsForAnotherProcessOrNoneAtAllAreNotOurs() throws Exception {
        assertThat(ListenFds.read(Map.of(), PID)).isEqualTo(ListenFds.NONE);
        assertThat(ListenFds.read(Map.of("LISTEN_FDS", "1"), PID).isEmpty()).isTrue();
        assertThat(ListenFds.read(Map.of("LISTEN_PID", "4243", "LISTEN_FDS", "1"), PID).isEmpty()).isTrue();
        assertThat(ListenFds.read(Map.of("LISTEN_PID", "4242"), PID).isEmpty()).isTrue();
        // what a parent's activation leaves to a child that is not exec'd in its place: not the child's
        assertThat(ListenFds.read(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "x"), PID).isEmpty()).isTrue();
    }

    @Test
    void malformedVariablesAreRefusedWithOneLineNamingThem() {
        assertRefused(Map.of("LISTEN_PID", "me", "LISTEN_FDS", "1"), "LISTEN_PID is \"me\", not a number");
        assertRefused(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "two"), "LISTEN_FDS is \"two\", not a number");
        assertRefused(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0"), "LISTEN_FDS is 0: systemd passes 1 to 1024 "
                + "sockets");
        assertRefused(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "-1"), "LISTEN_FDS is -1");
        assertRefused(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "99999999999999999999"),
                "LISTEN_FDS is \"99999999999999999999\", not a number");
        assertRefused(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "local"),
                "LISTEN_FDNAMES names 1 sockets (local), LISTEN_FDS passes 2");
        assertRefused(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "local:tls"),
                "LISTEN_FDNAMES names 2 sockets (local:tls), LISTEN_FDS passes 1");
    }

    private static void assertRefused(Map<String, String> environment, String message) {
        assertThatThrownBy(() -> ListenFds.read(environment, PID)).isInstanceOf(ActivationRefused.class)
                .hasMessageStartingWith(message).hasMessageNotContaining("\n");
    }
}
