package org.albatross.vmm;

import java.util.List;

/**
 * Runs a short host command (ip, ifconfig, bhyvectl, xl) to completion. One interface so that tests can run
 * the commands inside a network namespace, or record them instead of running them.
 */
@FunctionalInterface
public interface HostCommand {
    /** Runs {@code argv} and returns what it printed; a non-zero exit is a {@link HostCommandFailed}. */
    String run(List<String> argv) throws HostCommandFailed;
}
