package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.albatross.config.ConfigError;
import org.junit.jupiter.api.Test;

class DaemonArgumentsTest {
    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() throws Exception {
        DaemonArguments arguments = DaemonArguments.parse("--config", "/etc/a.toml", "--dbdir=/srv/db", "--set",
                "console.ring-lines=2048", "--set=tmpdir=/run/x", "--print-config");

        assertThat(arguments.config()).contains(Path.of("/etc/a.toml"));
        assertThat(arguments.overrides()).isEqualTo(Map.of("dbdir", "/srv/db", "console.ring-lines", "2048",
                "tmpdir", "/run/x"));
        assertThat(arguments.printConfig()).isTrue();
        assertThat(arguments.startOverDamagedState()).isFalse();
    }

    @Test
    void aFlagNamedAfterAKeyWinsOverSet() throws Exception {
        DaemonArguments arguments = DaemonArguments.parse("--socket", "/run/b.sock", "--set", "socket.path=/run/a.sock");

        assertThat(arguments.overrides()).containsEntry("socket.path", "/run/b.sock");
    }

    @Test
    void noArgumentsIsTheDefaults() throws Exception {
        DaemonArguments arguments = DaemonArguments.parse();

        assertThat(arguments.config()).isEqualTo(Optional.empty());
        assertThat(arguments.overrides()).isEmpty();
        assertThat(arguments.help() || arguments.version() || arguments.printConfig()).isFalse();
    }

    @Test
    void shortAndLongHelpAndVersion() throws Exception {
        assertThat(DaemonArguments.parse("-h").help()).isTrue();
        assertThat(DaemonArguments.parse("--help").help()).isTrue();
        assertThat(DaemonArguments.parse("-V").version()).isTrue();
        assertThat(DaemonArguments.parse("--version").version()).isTrue();
    }

    @Test
    void badArgumentsAreRefusedWithTheArgumentNamed() {
        assertThatThrownBy(() -> DaemonArguments.parse("--frobnicate")).hasMessage("unknown option --frobnicate");
        assertThatThrownBy(() -> DaemonArguments.parse("--config")).hasMessage("missing FILE after --config");
        assertThatThrownBy(() -> DaemonArguments.parse("--print-config=yes"))
                .hasMessage("--print-config takes no value, but was given --print-config=yes");
        assertThatThrownBy(() -> DaemonArguments.parse("web.toml"))
                .hasMessage("unexpected argument web.toml: albatrossd takes options only");
    }

    @Test
    void aSetThatIsNoAssignmentIsAConfigurationError() throws Exception {
        DaemonArguments arguments = DaemonArguments.parse("--set", "dbdir");

        assertThatThrownBy(arguments::overrides).isInstanceOf(ConfigError.class).hasMessageContaining("--set dbdir");
    }

    @Test
    void theHelpListsEveryOptionWithItsDescription() {
        String usage = DaemonArguments.usage();

        assertThat(usage).startsWith("Usage: albatrossd [OPTION]...\n");
        for (DaemonArguments.Flag flag : DaemonArguments.Flag.values()) {
            assertThat(usage).contains(flag.name).contains(flag.description);
        }
        assertThat(usage).contains("  -h, --help ").contains("      --config=FILE ");
    }
}
