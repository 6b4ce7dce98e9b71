package org.albatross.vmm.solo5;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The user devices of an image's manifest, in manifest order (Solo5's reserved first entry left out). */
public record Solo5Manifest(List<Solo5Device> devices) {
    public Solo5Manifest {
        devices = List.copyOf(devices);
    }

    public Set<String> blockNames() {
        return namesOf(Solo5Device.Kind.BLOCK_BASIC);
    }

    public Set<String> networkNames() {
        return namesOf(Solo5Device.Kind.NET_BASIC);
    }

    private Set<String> namesOf(Solo5Device.Kind kind) {
        return devices.stream().filter(device -> device.kind() == kind).map(Solo5Device::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
