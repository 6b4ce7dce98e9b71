package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPolicyTest {
    @TempDir
    Path directory;

    @Test
    void theHostsMemoryIsMemTotal() throws IOException {
        Path memInfo = Files.writeString(directory.resolve("meminfo"),
                "MemTotal:       24683748 kB\nMemFree:         1234567 kB\n");

        assertThat(RootPolicy.memInfoTotalKib(memInfo)).isEqualTo(24_683_748L);
    }

    @Test
    void aMemInfoWithoutMemTotalIsAnError() throws IOException {
        Path memInfo = Files.writeString(directory.resolve("meminfo"), "MemFree: 1 kB\n");

        assertThatThrownBy(() -> RootPolicy.memInfoTotalKib(memInfo)).isInstanceOf(IOException.class)
                .hasMessageContaining("no MemTotal");
    }
}
