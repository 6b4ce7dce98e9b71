package org.albatross.vmm;

import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelConfig;

/**
 * One virtual machine monitor backend. Both steps are pure: the daemon reads the image, prepares the host
 * resources, and runs the plan with {@link TenderProcess}.
 */
public interface VmmAdapter {
    /** Refuses an (inflated) image this backend cannot run with this config, before anything is set up. */
    void admit(byte[] image, UnikernelConfig config) throws ImageRejected;

    /** The exact launch of {@code name} with {@code config} on the prepared {@code host} resources. */
    LaunchPlan plan(Name name, UnikernelConfig config, HostResources host) throws LaunchRefused;
}
