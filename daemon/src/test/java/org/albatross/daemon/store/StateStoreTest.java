package org.albatross.daemon.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T23:59:01.250Z"), ZoneOffset.UTC);
    private static final byte[] V0 = "state zero".getBytes(UTF_8);
    private static final byte[] V1 = "state one".getBytes(UTF_8);
    private static final byte[] V2 = "state two".getBytes(UTF_8);

    @TempDir
    Path dbdir;

    @Test
    void nothingSavedLoadsAsNoState() throws IOException {
        assertThat(payload(StateStore.open(dbdir).load())).isEmpty();
    }

    @Test
    void whatIsSavedLoadsAgainAndThePreviousVersionIsKeptAsBackup() throws IOException {
        StateStore store = StateStore.open(dbdir);
        store.save(V1);
        store.save(V2);

        assertThat(payload(StateStore.open(dbdir).load())).hasValueSatisfying(state -> assertThat(state).isEqualTo(V2));
        assertThat(stateIn(Files.readAllBytes(dbdir.resolve("state.bak")))).isEqualTo(V1);
        assertThat(dbdir.resolve("state.tmp")).doesNotExist();
    }

    @Test
    void anEmptyStateIsAStateToo() throws IOException {
        StateStore store = StateStore.open(dbdir);
        store.save(new byte[0]);

        assertThat(payload(store.load())).hasValueSatisfying(state -> assertThat(state).isEmpty());
    }

    /**
     * What a crash can leave at each step of a save of V2 over V1 (backup V0): the directory as the file system may
     * show it afterwards, including a rename that was done but whose directory was not yet fsync'd (either view).
     */
    static Stream<Arguments> crashes() {
        byte[] v0 = StateFile.wrap(V0);
        byte[] v1 = StateFile.wrap(V1);
        byte[] v2 = StateFile.wrap(V2);
        byte[] tornV2 = Arrays.copyOf(v2, 7);
        return Stream.of(
                Arguments.of("temporary file partly written", new Layout(v1, v0, tornV2), V1),
                Arguments.of("temporary file written and fsync'd, nothing renamed (or no rename reached the disk)",
                        new Layout(v1, v0, v2), V1),
                Arguments.of("state renamed to backup, temporary not (or only the first rename reached the disk)",
                        new Layout(null, v1, v2), V1),
                Arguments.of("only the second rename reached the disk", new Layout(v2, v0, null), V2),
                Arguments.of("both renames reached the disk", new Layout(v2, v1, null), V2),
                Arguments.of("first save ever, temporary written, not renamed", new Layout(null, null, v1), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashes")
    void aCrashAtAnyStepOfASaveLeavesTheLastAcknowledgedStateOrTheNewOne(String step, Layout layout, byte[] expected)
            throws IOException {
        layout.writeTo(dbdir);

        Optional<byte[]> loaded = payload(StateStore.open(dbdir).load());

        assertThat(loaded.orElse(null)).isEqualTo(expected);
        assertThat(dbdir.resolve("state.tmp")).as("unacknowledged save removed").doesNotExist();
        if (expected != null) {
            assertThat(stateIn(Files.readAllBytes(dbdir.resolve("state")))).as("state file in place for the next start")
                    .isEqualTo(expected);
        }
    }

    @Test
    void aStoreRecoveredFromItsBackupSavesNormallyAgain() throws IOException {
        new Layout(null, StateFile.wrap(V1), null).writeTo(dbdir);
        StateStore store = StateStore.open(dbdir);
        store.load();

        store.save(V2);

        assertThat(payload(store.load())).hasValueSatisfying(state -> assertThat(state).isEqualTo(V2));
        assertThat(stateIn(Files.readAllBytes(dbdir.resolve("state.bak")))).isEqualTo(V1);
    }

    static Stream<Arguments> damage() {
        byte[] good = StateFile.wrap(V2);
        byte[] flipped = good.clone();
        flipped[20] ^= 0x10;
        return Stream.of(
                Arguments.of("torn", Arrays.copyOf(good, good.length - 3), "torn or truncated"),
                Arguments.of("bit flip", flipped, "CRC-32C"),
                Arguments.of("empty", new byte[0], "state file marker"),
                Arguments.of("foreign", "(unikernels ())".getBytes(UTF_8), "state file marker"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void aDamagedStateFileIsMovedAsideAndTheErrorSaysWhatAndHowToProceed(String kind, byte[] damaged, String problem)
            throws IOException {
        StateStore store = StateStore.open(dbdir, CLOCK);
        store.save(V0);
        store.save(V1);
        Files.write(dbdir.resolve("state"), damaged);
        Path aside = dbdir.resolve("state.corrupt-20261124T235901.250Z");

        assertThatThrownBy(store::load).isInstanceOfSatisfying(CorruptState.class, corrupt -> {
            assertThat(corrupt.movedTo()).isEqualTo(aside);
            assertThat(corrupt.problem()).contains(problem);
            assertThat(corrupt.getMessage()).contains(dbdir.resolve("state").toString(), problem, aside.toString(),
                    "state.bak is intact", "starting the daemon again restores it");
        });
        assertThat(aside).hasBinaryContent(damaged);
        assertThat(dbdir.resolve("state")).doesNotExist();
        assertThat(payload(store.load())).as("the next start, as the message said").hasValueSatisfying(
                state -> assertThat(state).isEqualTo(V0));
    }

    @Test
    void aDamagedStateWithoutBackupSaysTheNextStartIsEmpty() throws IOException {
        Files.write(dbdir.resolve("state"), new byte[] {1, 2, 3});
        StateStore store = StateStore.open(dbdir, CLOCK);

        assertThatThrownBy(store::load).isInstanceOf(CorruptState.class)
                .hasMessageContaining("There is no " + dbdir.resolve("state.bak"));
        assertThat(payload(store.load())).isEmpty();
    }

    @Test
    void aDamagedStateAndBackupAreBothReported() throws IOException {
        Files.write(dbdir.resolve("state"), new byte[] {1});
        Files.write(dbdir.resolve("state.bak"), new byte[] {2});
        StateStore store = StateStore.open(dbdir, CLOCK);

        assertThatThrownBy(store::load).isInstanceOf(CorruptState.class)
                .hasMessageContaining("state.bak is damaged too");
        assertThatThrownBy(store::load).as("the backup, on the next start").isInstanceOfSatisfying(CorruptState.class,
                corrupt -> assertThat(corrupt.movedTo().getFileName().toString())
                        .startsWith("state.bak.corrupt-20261124T235901.250Z"));
        assertThat(payload(store.load())).isEmpty();
    }

    @Test
    void twoCorruptionsWithinOneMillisecondKeepBothFiles() throws IOException {
        StateStore store = StateStore.open(dbdir, CLOCK);
        Files.write(dbdir.resolve("state"), new byte[] {1});
        assertThatThrownBy(store::load).isInstanceOf(CorruptState.class);
        Files.write(dbdir.resolve("state"), new byte[] {2});

        assertThatThrownBy(store::load).isInstanceOfSatisfying(CorruptState.class, corrupt -> assertThat(
                corrupt.movedTo()).isEqualTo(dbdir.resolve("state.corrupt-20261124T235901.250Z-2")));
        assertThat(dbdir.resolve("state.corrupt-20261124T235901.250Z")).hasBinaryContent(new byte[] {1});
    }

    @Test
    void aReadOnlyDirectoryGivesAClearErrorAndKeepsTheOldState() throws IOException {
        StateStore store = StateStore.open(dbdir);
        store.save(V1);
        Files.setPosixFilePermissions(dbdir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(dbdir))
                    .as("running as root, who writes to a read-only directory anyway: see the tmpfs test")
                    .isFalse();

            assertThatThrownBy(() -> store.save(V2)).isInstanceOf(IOException.class)
                    .hasMessageContaining("permission denied")
                    .hasMessageContaining(dbdir.resolve("state") + " keeps its previous content");
        } finally {
            Files.setPosixFilePermissions(dbdir, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(payload(store.load())).hasValueSatisfying(state -> assertThat(state).isEqualTo(V1));
    }

    @Test
    void aReadOnlyFileSystemGivesAClearErrorAndKeepsTheOldState() throws IOException {
        try (TmpfsMount mounted = tmpfsAtDbdir("size=256k")) {
            StateStore store = StateStore.open(dbdir);
            store.save(V1);
            Optional<String> remount = mounted.remountReadOnly();
            assumeThat(remount).as("remounting read-only: %s", remount).isEmpty();

            assertThatThrownBy(() -> store.save(V2)).isInstanceOf(IOException.class)
                    .hasMessageContaining("Read-only file system")
                    .hasMessageContaining(dbdir.resolve("state") + " keeps its previous content");
            assertThat(payload(store.load())).hasValueSatisfying(state -> assertThat(state).isEqualTo(V1));
        }
    }

    @Test
    void aFullDiskGivesAClearErrorAndKeepsTheOldState() throws IOException {
        try (TmpfsMount mounted = tmpfsAtDbdir("size=64k")) {
            StateStore store = StateStore.open(dbdir);
            store.save(V1);

            assertThatThrownBy(() -> store.save(new byte[1 << 20])).isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining(dbdir.resolve("state") + " keeps its previous content");
            assertThat(dbdir.resolve("state.tmp")).as("no leftover taking the space").doesNotExist();
            assertThat(payload(store.load())).hasValueSatisfying(state -> assertThat(state).isEqualTo(V1));
            store.save(V2);
            assertThat(payload(store.load())).hasValueSatisfying(state -> assertThat(state).isEqualTo(V2));
        }
    }

    private TmpfsMount tmpfsAtDbdir(String options) {
        Optional<TmpfsMount> tmpfs = TmpfsMount.mount(dbdir, options);
        assumeThat(tmpfs).as("mounting a tmpfs needs root or CAP_SYS_ADMIN; skipped").isPresent();
        return tmpfs.get();
    }

    /** The files in dbdir as a crash left them; null means absent. */
    record Layout(byte[] state, byte[] backup, byte[] temporary) {
        void writeTo(Path dbdir) throws IOException {
            put(dbdir.resolve("state"), state);
            put(dbdir.resolve("state.bak"), backup);
            put(dbdir.resolve("state.tmp"), temporary);
        }

        private static void put(Path file, byte[] content) throws IOException {
            if (content != null) {
                Files.write(file, content);
            }
        }

        @Override
        public String toString() {
            return "files";
        }
    }

    /** The state a store loaded, read. */
    static Optional<byte[]> payload(Optional<StoredState> loaded) throws IOException {
        return loaded.isEmpty() ? Optional.empty() : Optional.of(loaded.get().bytes());
    }

    /** The state in a state file's bytes, which must be intact. */
    static byte[] stateIn(byte[] file) {
        StateFile.Intact intact = (StateFile.Intact) StateFile.unwrap(file);
        return Arrays.copyOfRange(file, (int) intact.offset(), (int) (intact.offset() + intact.length()));
    }
}
