package org.albatross.vmm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything needed to run one unikernel, decided before anything runs: the exact command (with its CPU
 * pinning prefix), its environment, the taps and block files it uses, a configuration file to write,
 * host commands to run before it starts and after it ends, and how its exit status reads.
 */
public record LaunchPlan(
        List<String> command,
        Map<String, String> environment,
        List<TapDevice> taps,
        List<BlockFile> blocks,
        Set<Integer> cpus,
        Optional<ConfigurationFile> configuration,
        List<List<String>> before,
        List<List<String>> after,
        ExitEncoding exitEncoding) {

    public LaunchPlan {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a launch plan needs a command");
        }
        environment = Map.copyOf(environment);
        taps = List.copyOf(taps);
        blocks = List.copyOf(blocks);
        cpus = Set.copyOf(cpus);
        Objects.requireNonNull(configuration, "configuration");
        before = before.stream().map(List::copyOf).toList();
        after = after.stream().map(List::copyOf).toList();
        Objects.requireNonNull(exitEncoding, "exitEncoding");
    }
}
