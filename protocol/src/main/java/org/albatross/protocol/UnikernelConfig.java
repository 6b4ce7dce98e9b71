package org.albatross.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A unikernel to create: its type, its image (compressed or not) and how to run it. On the wire the run
 * arguments' fields follow the image inline (albatross's Config), in the same order as a restart's Arguments.
 * An empty image on a remote create means the image follows as streamed chunks.
 */
public record UnikernelConfig(UnikernelType typ, boolean compressed, Octets image, UnikernelArguments runArguments) {

    public UnikernelConfig {
        Objects.requireNonNull(typ, "typ");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(runArguments, "runArguments");
    }

    /** This config with {@code newImage} in place of its own (e.g. once a streamed image has arrived). */
    public UnikernelConfig withImage(Octets newImage) {
        return new UnikernelConfig(typ, compressed, newImage, runArguments);
    }

    public Optional<Integer> startup() {
        return runArguments.startup();
    }

    public boolean addName() {
        return runArguments.addName();
    }

    public FailBehaviour failBehaviour() {
        return runArguments.failBehaviour();
    }

    public Set<Integer> cpuIds() {
        return runArguments.cpuIds();
    }

    public long memoryMb() {
        return runArguments.memoryMb();
    }

    public Set<BlockAttachment> blockDevices() {
        return runArguments.blockDevices();
    }

    public Set<NetworkAttachment> bridges() {
        return runArguments.bridges();
    }

    /** The unikernel's command line (albatross's argv), absent when none was given. */
    public Optional<List<String>> arguments() {
        return runArguments.arguments();
    }

    public int numCpus() {
        return runArguments.numCpus();
    }

    public Optional<String> linuxBootPartition() {
        return runArguments.linuxBootPartition();
    }
}
