package org.albatross.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    @Test
    void healthChecksAreSpelledAsUpdateHealthSpellsThem() {
        assertThat(HealthCheck.parse("exit")).isEqualTo(new HealthCheck.StillRunning());
        assertThat(HealthCheck.parse("tcp:[::1]:8080")).isEqualTo(new HealthCheck.TcpConnect("[::1]", 8080));
        assertThat(HealthCheck.parse("https://web.example/health"))
                .isEqualTo(new HealthCheck.HttpGet(URI.create("https://web.example/health")));
        for (String spelled : List.of("exit", "tcp:10.0.0.2:80", "http://web.example:8080/health")) {
            assertThat(HealthCheck.parse(spelled)).as("written back as spelled").hasToString(spelled);
        }
    }

    @Test
    void aSpellingThatIsNoHealthCheckNamesTheThreeThatAre() {
        for (String bad : List.of("tcp:host", "tcp::80", "tcp:host:0", "tcp:host:http", "http://", "ping",
                "file:///etc/passwd", "udp:127.0.0.1:53")) {
            assertThatThrownBy(() -> HealthCheck.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"" + bad + "\" is no health check: exit, tcp:HOST:PORT or an http:// or https://"
                            + " URL");
        }
    }

    @Test
    void aWatchLastsOneToSixHundredSeconds() {
        assertThatThrownBy(() -> new HealthWatch(new HealthCheck.StillRunning(), 0))
                .hasMessage("a watch lasts 1-600 seconds, not 0");
        assertThat(new HealthWatch(new HealthCheck.StillRunning(), 600)).hasToString("exit for 600 s");
    }
}
