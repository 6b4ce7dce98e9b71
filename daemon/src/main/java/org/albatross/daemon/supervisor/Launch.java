package org.albatross.daemon.supervisor;

import java.util.List;
import java.util.Objects;
import org.albatross.protocol.UnikernelInfo;

/**
 * A unikernel that was launched: its monitor, the adapter that planned it, the host devices it got, and how to
 * release them once the monitor has ended.
 *
 * @param command the command line the monitor was started with, for the log; empty for an adopted one, which the
 *     daemon that started it logged
 * @param release removes the unikernel's taps and run-time files; run once, after the monitor ended
 */
public record Launch(MonitorProcess process, String adapter, List<String> command, List<UnikernelInfo.Block> blocks,
        List<UnikernelInfo.Network> networks, Runnable release) {
    public Launch {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(adapter, "adapter");
        command = List.copyOf(command);
        blocks = List.copyOf(blocks);
        networks = List.copyOf(networks);
        Objects.requireNonNull(release, "release");
    }
}
