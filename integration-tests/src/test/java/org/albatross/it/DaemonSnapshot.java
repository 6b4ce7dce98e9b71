package org.albatross.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;

/**
 * Everything a daemon holds, as its root sees it over the local socket: the unikernels (with their start times, so
 * a restart shows), the policies and the block devices; and the run directories it keeps under its tmpdir. Two
 * snapshots are equal when nothing changed.
 */
record DaemonSnapshot(List<Success.NamedUnikernelInfo> unikernels, List<Success.NamedPolicy> policies,
        List<Success.BlockDevice> blockDevices, List<String> runDirectories) {

    static DaemonSnapshot of(DaemonExtension albatrossd) {
        return new DaemonSnapshot(
                ((Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(), ":").success()).unikernels(),
                ((Success.Policies) albatrossd.request(new PolicyCommand.Info(), ":").success()).policies(),
                ((Success.BlockDevices) albatrossd.request(new BlockCommand.Info(), ":").success()).devices(),
                runDirectories(albatrossd.files().tmpdir().resolve("run")));
    }

    private static List<String> runDirectories(Path runRoot) {
        if (!Files.isDirectory(runRoot)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(runRoot)) {
            return runs.map(run -> run.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Name> unikernelNames() {
        return unikernels.stream().map(Success.NamedUnikernelInfo::name).toList();
    }

    List<Name> blockNames() {
        return blockDevices.stream().map(Success.BlockDevice::name).toList();
    }

    /** The unikernel {@code name} as it is in this snapshot, or null. */
    Success.NamedUnikernelInfo unikernel(Name name) {
        return unikernels.stream().filter(unikernel -> unikernel.name().equals(name)).findFirst().orElse(null);
    }
}
