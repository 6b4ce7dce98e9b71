package org.albatross.vmm;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.vmm.solo5.Solo5Device;
import org.albatross.vmm.solo5.Solo5Manifest;

/**
 * Albatross's rule: the block devices and network interfaces a unikernel asks for must be exactly the ones its
 * manifest declares (a tender refuses undeclared ones and exits when a declared one is missing).
 */
final class ManifestMatch {
    private ManifestMatch() {
    }

    static void require(Solo5Manifest manifest, UnikernelArguments config) throws ImageRejected {
        Set<String> blocks = config.blockDevices().stream().map(BlockAttachment::name).collect(Collectors.toSet());
        Set<String> networks = config.bridges().stream().map(NetworkAttachment::netif).collect(Collectors.toSet());
        if (!blocks.equals(manifest.blockNames())) {
            throw mismatch("block devices", blocks, manifest);
        }
        if (!networks.equals(manifest.networkNames())) {
            throw mismatch("network interfaces", networks, manifest);
        }
    }

    private static ImageRejected mismatch(String what, Set<String> requested, Solo5Manifest manifest) {
        String declared = manifest.devices().isEmpty() ? "no devices"
                : manifest.devices().stream().map(Solo5Device::toString).collect(Collectors.joining(", "));
        return new ImageRejected("the requested " + what + " " + new TreeSet<>(requested)
                + " differ from the image's manifest, which declares " + declared
                + "; request exactly the declared devices");
    }
}
