package org.albatross.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.StateStore;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save of the state the file already holds writes nothing; any other save writes it. */
class SavedStateTest {
    private static final Policy POLICY = new Policy(3, Set.of(0), 256, Optional.of(100L), Set.of());
    private static final UnikernelArguments ARGUMENTS = new UnikernelArguments(new FailBehaviour.Quit(),
            Optional.of(20), false, Set.of(), 32, Set.of(), Set.of(), Optional.of(List.of("forever")), 1,
            Optional.empty());
    /** Several of each kind, so that a save in another order than the load's would show. */
    private static final DaemonState A_STATE = new DaemonState(
            Map.of(org.albatross.protocol.Path.of("a"), POLICY, org.albatross.protocol.Path.of("b"), POLICY,
                    org.albatross.protocol.Path.of("a", "c"), POLICY),
            Map.of(Name.parse("a:disk"), 10L, Name.parse("b:disk"), 20L),
            Map.of(Name.parse("a:web"), spec(1), Name.parse("b:dns"), spec(2), Name.parse("a:c:vpn"), spec(3)),
            Map.of(Name.parse("b:old"), spec(4)));

    @TempDir
    Path dbdir;

    @Test
    void theStateTheFileHoldsIsNotWrittenAgain() throws Exception {
        saved().save(A_STATE);
        Object inode = inodeOfState();

        SavedState next = saved();
        assertThat(next.load(false)).isEqualTo(A_STATE);
        next.save(A_STATE);

        assertThat(inodeOfState()).as("the same file, not a new one renamed over it").isEqualTo(inode);
        assertThat(dbdir.resolve("state.bak")).as("no backup made: nothing was replaced").doesNotExist();
    }

    @Test
    void theStateAsLoadedRebuiltFromItsOwnEntriesIsNotWrittenAgain() throws Exception {
        saved().save(A_STATE);
        Object inode = inodeOfState();
        SavedState next = saved();
        DaemonState loaded = next.load(false);

        // as a restore that adopted every unikernel puts it together again
        next.save(new DaemonState(new HashMap<>(loaded.policies()), new HashMap<>(loaded.blockDevices()),
                new HashMap<>(loaded.unikernels()), new HashMap<>(loaded.stopped())));

        assertThat(inodeOfState()).isEqualTo(inode);
        assertThat(dbdir.resolve("state.bak")).doesNotExist();
    }

    @Test
    void onlyTheVerySameEntriesCountAsHeldAlike() {
        Map<Name, UnikernelSpec> unikernels = new HashMap<>(A_STATE.unikernels());
        assertThat(new DaemonState(A_STATE.policies(), A_STATE.blockDevices(), unikernels, A_STATE.stopped())
                .holdsTheSameAs(A_STATE)).isTrue();

        unikernels.put(Name.parse("a:web"), spec(1));
        assertThat(new DaemonState(A_STATE.policies(), A_STATE.blockDevices(), unikernels, A_STATE.stopped())
                .holdsTheSameAs(A_STATE)).as("an equal spec, another object: not known without comparing").isFalse();
        assertThat(new DaemonState(A_STATE.policies(), Map.of(Name.parse("a:disk"), 10L, Name.parse("b:disk"), 21L),
                A_STATE.unikernels(), A_STATE.stopped()).holdsTheSameAs(A_STATE)).isFalse();
        assertThat(new DaemonState(A_STATE.policies(), A_STATE.blockDevices(), A_STATE.unikernels(), Map.of())
                .holdsTheSameAs(A_STATE)).isFalse();
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
        saved.save(A_STATE);
        Object written = inodeOfState();

        saved.save(A_STATE);
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

    private static UnikernelSpec spec(int image) {
        byte[] digest = new byte[32];
        digest[0] = (byte) image;
        return new UnikernelSpec(UnikernelType.SOLO5, Octets.of(digest), ARGUMENTS);
    }

    private SavedState saved() throws Exception {
        return new SavedState(StateStore.open(dbdir), ImageStore.open(dbdir.resolve("images")), 1 << 20,
                Clock.systemUTC());
    }

    private Object inodeOfState() throws Exception {
        return Files.getAttribute(dbdir.resolve("state"), "unix:ino");
    }
}
