package org.albatross.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.StateStore;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save of the state the file holds already writes nothing; any other state is written. */
class SavedStateTest {
    private static final UnikernelArguments ARGUMENTS = new UnikernelArguments(new FailBehaviour.Quit(),
            Optional.empty(), false, Set.of(), 32, Set.of(), Set.of(), Optional.of(List.of("forever")), 1,
            Optional.empty());

    @TempDir
    Path dbdir;

    @Test
    void theStateTheFileHoldsIsNotWrittenAgainAndAnotherIs() throws Exception {
        DaemonState one = DaemonState.EMPTY.withUnikernel(Name.parse("web"), spec(1));
        saved().save(one);
        Path file = dbdir.resolve("state");
        Object written = fileKey(file);

        SavedState next = saved();
        DaemonState loaded = next.load(false);
        next.save(loaded);
        assertThat(fileKey(file)).as("the same file: not written again").isEqualTo(written);

        DaemonState two = loaded.withUnikernel(Name.parse("dns"), spec(2));
        next.save(two);
        assertThat(fileKey(file)).as("a change is written").isNotEqualTo(written);
        next.save(loaded);
        assertThat(saved().load(false)).as("and so is going back to what the file held before").isEqualTo(loaded);
    }

    @Test
    void aFirstStartWritesTheStateItStartsWith() throws Exception {
        SavedState saved = saved();
        saved.save(saved.load(false));
        assertThat(dbdir.resolve("state")).as("nothing was loaded, so the file was not known to hold it").exists();
    }

    private SavedState saved() throws Exception {
        return new SavedState(StateStore.open(dbdir), ImageStore.open(dbdir.resolve("images")), 1 << 20,
                Clock.systemUTC());
    }

    private static Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    private static UnikernelSpec spec(int digest) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) digest;
        return new UnikernelSpec(UnikernelType.SOLO5, Octets.of(bytes), ARGUMENTS);
    }
}
