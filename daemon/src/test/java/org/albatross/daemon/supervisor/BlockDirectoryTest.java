package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDirectoryTest {
    private static final Name KEPT = Name.parse("a:kept");
    private static final Name UNSAVED = Name.parse("a:unsaved");

    @TempDir
    Path directory;

    @Test
    void theLeftoversOfUnfinishedCommandsAreRemovedAndTheSavedDevicesKept() throws IOException {
        BlockDirectory blocks = new BlockDirectory(directory.resolve("block"));
        blocks.create(KEPT, 1);
        blocks.create(UNSAVED, 1);
        Path incoming = blocks.file(KEPT).resolveSibling(blocks.file(KEPT).getFileName() + ".incoming");
        Files.write(incoming, new byte[] {1, 2, 3});

        assertThat(blocks.removeAllBut(Set.of(KEPT))).containsExactlyInAnyOrder(blocks.file(UNSAVED), incoming);

        assertThat(blocks.file(KEPT)).exists().hasSize(1 << 20);
        assertThat(blocks.file(UNSAVED)).doesNotExist();
        assertThat(incoming).doesNotExist();
    }

    @Test
    void aDirectoryNeverCreatedHasNoLeftovers() throws IOException {
        assertThat(new BlockDirectory(directory.resolve("none")).removeAllBut(Set.of(KEPT))).isEmpty();
    }
}
