package org.albatross.vmm;

import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelArguments;

/**
 * One virtual machine monitor backend. Both steps are pure: the daemon decides the image ({@link UnikernelImage}),
 * prepares the host resources, and runs the plan with {@link TenderProcess}. Neither needs the image's bytes.
 */
public interface VmmAdapter {
    /** Refuses an image this backend cannot run with these arguments, before anything is set up. */
    void admit(UnikernelImage image, UnikernelArguments arguments) throws ImageRejected;

    /** The exact launch of {@code name} with {@code arguments} on the prepared {@code host} resources. */
    LaunchPlan plan(Name name, UnikernelArguments arguments, HostResources host) throws LaunchRefused;
}
