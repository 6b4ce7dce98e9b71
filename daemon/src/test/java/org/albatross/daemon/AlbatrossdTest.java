package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: configuration errors, --print-config, a damaged state, passed sockets refused. */
class AlbatrossdTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownKeyIsOneMessageAndExitCodeTwo() {
        assertThat(run("--set", "console.ring-line=5")).isEqualTo(2);
        assertThat(err.toString()).contains("console.ring-line: unknown key; did you mean console.ring-lines?")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingConfigurationFileIsExitCodeTwo() {
        assertThat(run("--config", directory.resolve("nope.toml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.toml").doesNotContain("\tat ");
    }

    @Test
    void anUnknownOptionIsExitCodeTwo() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("--frobnicate").contains("albatrossd --help");
    }

    @Test
    void printConfigShowsTheEffectiveConfiguration() throws Exception {
        Path file = Files.writeString(directory.resolve("albatrossd.toml"), "[console]\nring-lines = 2048\n");
        assertThat(run("--config", file.toString(), "--dbdir", "/srv/albatross", "--print-config")).isEqualTo(0);
        assertThat(out.toString()).contains("dbdir = \"/srv/albatross\"").contains("ring-lines = 2048");
    }

    @Test
    void aDamagedStateIsRefusedWithAdviceAndKeptAside() throws Exception {
        Path db = Files.createDirectories(directory.resolve("db"));
        Files.write(db.resolve("state"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Path file = Files.writeString(directory.resolve("albatrossd.toml"),
                "dbdir = \"" + db + "\"\ntmpdir = \"" + directory.resolve("tmp") + "\"\n");
        assertThat(run("--config", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to start").contains("--start-over-damaged-state");
        try (Stream<Path> files = Files.list(db)) {
            assertThat(files.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith(
                    "state.corrupt-"));
        }
    }

    @Test
    void socketActivationRequiredButNotGivenIsOneLineAndExitCodeOneBeforeAnythingStarts() throws Exception {
        Path file = Files.writeString(directory.resolve("albatrossd.toml"), "dbdir = \"" + directory.resolve("db")
                + "\"\ntmpdir = \"" + directory.resolve("tmp") + "\"\n");

        assertThat(run("--config", file.toString(), "--systemd-socket-activation")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("albatrossd: cannot start: --systemd-socket-activation: systemd passed "
                + "no sockets to this process (LISTEN_PID and LISTEN_FDS); start albatrossd through albatrossd.socket, "
                + "or without the option\n");
        assertThat(directory.resolve("db")).doesNotExist();
    }

    @Test
    void malformedSocketActivationVariablesForThisProcessAreOneLineAndExitCodeOne() throws Exception {
        Path file = Files.writeString(directory.resolve("albatrossd.toml"), "dbdir = \"" + directory.resolve("db")
                + "\"\n");
        Map<String, String> environment = Map.of("LISTEN_PID", Long.toString(ProcessHandle.current().pid()),
                "LISTEN_FDS", "two");

        assertThat(run(environment, "--config", file.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("albatrossd: cannot start: LISTEN_FDS is \"two\", not a number\n");
        assertThat(directory.resolve("db")).doesNotExist();
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        return new Albatrossd(environment, new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
    }
}
