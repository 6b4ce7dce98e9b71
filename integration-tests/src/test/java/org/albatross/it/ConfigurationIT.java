package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between albatrossd and its operator: how it shows its configuration. How it refuses a bad one is in
 * BadInputCatalogueIT (K01 to K04).
 */
class ConfigurationIT {
    @TempDir
    Path root;

    @Test
    void printConfigShowsTheEffectiveConfiguration() throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        try (DaemonProcess daemon = DaemonProcess.launch(files, "--print-config")) {
            assertThat(daemon.awaitExit()).isZero();

            assertThat(Files.readString(files.log())).contains(files.socket().toString()).contains("tcg");
        }
    }
}
