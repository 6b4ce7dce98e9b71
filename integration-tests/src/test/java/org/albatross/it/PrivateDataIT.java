package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: tenants' images, block devices, state and event log are the daemon's user's and group's alone. A real
 * daemon over a dbdir that the harness made open to everyone (0755, as {@code mkdir} makes it), after a create, a
 * block add and set and the events they record: no directory under dbdir lets others in or its group write, no
 * file there lets others read, and the run directories of the unikernels' images are closed to others.
 */
class PrivateDataIT {
    private static final String TENANT = "private:";
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @Test
    void whatTheDaemonKeepsOfItsTenantsIsClosedToOtherLocalUsers() throws IOException {
        albatrossd.request(new PolicyCommand.Add(new Policy(1, Set.of(0), 64, Optional.of(2L), Set.of())), TENANT)
                .success();
        albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").config()),
                TENANT + "web").success();
        albatrossd.request(new BlockCommand.Add(1), TENANT + "disk").success();
        albatrossd.upload(new BlockCommand.Set(false), TENANT + "disk", new ByteArrayInputStream(new byte[4096]))
                .success();

        Map<Path, String> dbdir = modes(albatrossd.files().dbdir());
        assertThat(dbdir.keySet().stream().map(path -> path.getFileName().toString()))
                .as("what the daemon keeps").contains("state", "events", "block", "private_disk");
        assertThat(dbdir).as("modes under dbdir").allSatisfy((path, mode) ->
                assertThat(PosixFilePermissions.fromString(mode)).as(path.toString())
                        .doesNotContainAnyElementsOf(OPEN_TO_OTHERS));
        assertThat(dbdir).as("files under dbdir").allSatisfy((path, mode) -> {
            if (Files.isRegularFile(path)) {
                assertThat(mode).as(path.toString()).isIn("rw-r-----", "rw-------");
            }
        });
        Path run = albatrossd.files().tmpdir().resolve("run");
        assertThat(run.resolve("private_web")).as("the unikernel's run directory, holding its image").exists();
        assertThat(PosixFilePermissions.fromString(mode(run))).as("tmpdir/run")
                .doesNotContainAnyElementsOf(OPEN_TO_OTHERS);
        assertThat(mode(albatrossd.files().tmpdir())).as("tmpdir itself, which holds the local socket's directory")
                .isEqualTo("rwxr-xr-x");
        assertThat(albatrossd.process().log()).as("the dbdir the harness made, tightened at start")
                .contains(albatrossd.files().dbdir() + " was 0755, so that others could read what it holds: now 0750");
        albatrossd.request(new UnikernelCommand.Destroy(), TENANT + "web").success();
    }

    /** Every directory and file under {@code root}, itself included, with its permissions as {@code ls} shows them. */
    private static Map<Path, String> modes(Path root) throws IOException {
        Map<Path, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) {
                modes.put(path, mode(path));
            }
        }
        return modes;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
