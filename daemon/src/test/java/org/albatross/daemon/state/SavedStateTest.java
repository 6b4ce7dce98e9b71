package org.albatross.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.StateStore;
import org.albatross.protocol.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save of the state the file already holds writes nothing; any other save writes it. */
class SavedStateTest {
    private static final DaemonState ONE_POLICY = new DaemonState(
            Map.of(org.albatross.protocol.Path.of("tenant"), new Policy(3, Set.of(0), 256, Optional.of(100L), Set.of())),
            Map.of(), Map.of(), Map.of());

    @TempDir
    Path dbdir;

    @Test
    void theStateTheFileHoldsIsNotWrittenAgain() throws Exception {
        saved().save(ONE_POLICY);
        Object inode = inodeOfState();

        SavedState next = saved();
        assertThat(next.load(false)).isEqualTo(ONE_POLICY);
        next.save(ONE_POLICY);

        assertThat(inodeOfState()).as("the same file, not a new one renamed over it").isEqualTo(inode);
        assertThat(dbdir.resolve("state.bak")).as("no backup made: nothing was replaced").doesNotExist();
    }

    @Test
    void aFirstStartWithNothingToSaveWritesNoFile() throws Exception {
        SavedState first = saved();
        assertThat(first.load(false)).isEqualTo(DaemonState.EMPTY);

        first.save(new DaemonState(Map.of(), Map.of(), Map.of(), Map.of()));

        assertThat(dbdir.resolve("state")).doesNotExist();
        assertThat(saved().load(false)).as("the next start reads the same").isEqualTo(DaemonState.EMPTY);
    }

    @Test
    void aChangedStateIsWrittenAndThenItIsTheOneNotWrittenAgain() throws Exception {
        SavedState saved = saved();
        saved.load(false);
        saved.save(ONE_POLICY);
        Object written = inodeOfState();

        saved.save(ONE_POLICY);
        assertThat(inodeOfState()).isEqualTo(written);
        saved.save(DaemonState.EMPTY);

        assertThat(inodeOfState()).as("replaced").isNotEqualTo(written);
        assertThat(saved().load(false)).isEqualTo(DaemonState.EMPTY);
    }

    @Test
    void anUnreadableStateStartedOverIsReplacedByTheFirstSave() throws Exception {
        // a whole state file (its integrity check passes) whose content is not a state
        StateStore.open(dbdir).save(new byte[] {1, 2, 3});
        SavedState saved = saved();
        assertThat(saved.load(true)).isEqualTo(DaemonState.EMPTY);

        saved.save(DaemonState.EMPTY);

        assertThat(saved().load(false)).as("readable now").isEqualTo(DaemonState.EMPTY);
    }

    private SavedState saved() throws Exception {
        return new SavedState(StateStore.open(dbdir), ImageStore.open(dbdir.resolve("images")), 1 << 20,
                Clock.systemUTC());
    }

    private Object inodeOfState() throws Exception {
        return Files.getAttribute(dbdir.resolve("state"), "unix:ino");
    }
}
