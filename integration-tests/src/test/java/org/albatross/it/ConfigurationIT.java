package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract between albatrossd and its operator: how it starts, refuses to start and shows its configuration. */
class ConfigurationIT {
    @TempDir
    Path root;

    @Test
    void anUnknownKeyIsOneClearMessageAndExitCodeTwo() throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        try (DaemonProcess daemon = DaemonProcess.launch(files, "--set", "console.ring-line=2048")) {
            assertThat(daemon.awaitExit()).isEqualTo(2);

            String output = Files.readString(files.log());
            assertThat(output).contains("console.ring-line: unknown key").contains("console.ring-lines")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void printConfigShowsTheEffectiveConfiguration() throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        try (DaemonProcess daemon = DaemonProcess.launch(files, "--print-config")) {
            assertThat(daemon.awaitExit()).isZero();

            assertThat(Files.readString(files.log())).contains(files.socket().toString()).contains("tcg");
        }
    }
}
