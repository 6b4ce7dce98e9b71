package org.albatross.client;

import java.util.List;
import java.util.Optional;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.solo5.ZlibImage;

/**
 * A unikernel of an albatross state file as {@code inspect-dump} and {@code extract-dump} show it: its config with
 * block devices and network interfaces spelled as {@code --block} and {@code --net} take them, its startup priority
 * (albatross's 50 when it names none) and its image's size and SHA-256, both of the inflated image, as {@code info}
 * shows a running unikernel's digest.
 */
record DumpedUnikernel(String typ, long memoryMb, List<Integer> cpuIds, int cpus, List<String> blockDevices,
        List<String> networks, Optional<List<String>> arguments, FailBehaviour failBehaviour, int startup,
        boolean addName, boolean compressed, long imageBytes, Octets imageDigest) {
    /** Albatross's startup priority of a unikernel that names none. */
    static final int DEFAULT_STARTUP = 50;

    static DumpedUnikernel of(AlbatrossState.Unikernel unikernel, byte[] image) {
        UnikernelConfig config = unikernel.config();
        return new DumpedUnikernel(config.typ().name().toLowerCase(java.util.Locale.ROOT), config.memoryMb(),
                config.cpuIds().stream().sorted().toList(), config.numCpus(),
                config.blockDevices().stream().map(DeviceSpec::of).sorted().toList(),
                config.bridges().stream().map(DeviceSpec::of).sorted().toList(), config.arguments(),
                config.failBehaviour(), config.startup().orElse(DEFAULT_STARTUP), config.addName(),
                config.compressed(), image.length, ImageDigest.of(image));
    }

    /** The unikernel's image as it runs: inflated when albatross kept it compressed. */
    static byte[] image(AlbatrossState.Unikernel unikernel) {
        byte[] stored = unikernel.config().image().toByteArray();
        if (!unikernel.config().compressed()) {
            return stored;
        }
        try {
            return ZlibImage.inflate(stored, ImageFile.MAX_IMAGE_BYTES);
        } catch (ImageRejected e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "the image of " + unikernel.name()
                    + " in the state file cannot be inflated: " + e.getMessage(), e);
        }
    }
}
