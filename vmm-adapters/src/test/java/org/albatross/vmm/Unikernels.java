package org.albatross.vmm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelType;

/** Run arguments, decided images and host resources for the adapters' golden tests. */
final class Unikernels {
    static final Name NAME = Name.parse("foo:web");
    /** MD5("service1foo:web") starts bb e6 28 (python3 hashlib). */
    static final String SERVICE1_DEFAULT_MAC = "00:80:41:bb:e6:28";
    static final Path IMAGE = Path.of("/run/albatross/foo_web.img");
    static final Path RUN = Path.of("/run/albatross");
    static final Path STORAGE = Path.of("/var/lib/albatross/block/storage");
    static final Path DATA = Path.of("/var/lib/albatross/block/data");

    private Unikernels() {
    }

    /** No devices, no arguments, no pinning, no name. */
    static UnikernelArguments minimal() {
        return config(Set.of(), Set.of(), Optional.empty(), false, Set.of(), 1);
    }

    /**
     * Every option: two networks (one with bridge and MAC), two blocks (one with sector size), arguments, the
     * name, CPU pinning.
     */
    static UnikernelArguments full() {
        return config(
                Set.of(new NetworkAttachment("service1", Optional.empty(), Optional.empty()),
                        new NetworkAttachment("service0", Optional.of("br0"),
                                Optional.of(MacAddress.parse("02:00:00:00:00:01")))),
                Set.of(new BlockAttachment("storage", Optional.empty(), Optional.of(4096)),
                        BlockAttachment.named("data")),
                Optional.of(List.of("-l", "*:debug")), true, Set.of(2, 0), 2);
    }

    static UnikernelArguments config(Set<NetworkAttachment> networks, Set<BlockAttachment> blocks,
            Optional<List<String>> arguments, boolean addName, Set<Integer> cpus, int numCpus) {
        return new UnikernelArguments(new FailBehaviour.Quit(), Optional.empty(), addName, cpus, 64, blocks, networks,
                arguments, numCpus, Optional.empty());
    }

    /** {@code image}'s bytes decided as a Solo5-typed image (the type every image but bhyve's has). */
    static UnikernelImage image(byte[] image) throws ImageRejected {
        return image(UnikernelType.SOLO5, image);
    }

    static UnikernelImage image(UnikernelType type, byte[] image) throws ImageRejected {
        return UnikernelImage.decide(type, java.nio.ByteBuffer.wrap(image), IMAGE);
    }

    static HostResources fullHost() {
        return new HostResources(IMAGE, RUN, Map.of("service0", "vmmtap0", "service1", "vmmtap1"),
                Map.of("storage", STORAGE, "data", DATA));
    }

    static HostResources bareHost() {
        return new HostResources(IMAGE, RUN, Map.of(), Map.of());
    }
}
