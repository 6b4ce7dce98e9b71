package org.albatross.vmm.net;

import java.util.Set;
import org.albatross.vmm.HostCommandFailed;

/**
 * Taps for unikernels and the bridges they join. Not safe for concurrent use: two callers could pick the
 * same free tap name, so the daemon calls it from its single state thread.
 */
public interface HostNetwork {
    /** Creates the lowest free {@code vmmtapN}, brings it up and attaches it to {@code bridge}. */
    String createTap(String bridge) throws HostCommandFailed;

    void removeTap(String tap) throws HostCommandFailed;

    /** The bridges on this host, which the root policy may hand out. */
    Set<String> bridges() throws HostCommandFailed;
}
