package org.albatross.daemon.testing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.TestKernel;

/** Create configs that boot the project's test kernel under QEMU with the given kernel arguments. */
public final class TestKernelConfigs {
    private static final Octets IMAGE = Octets.of(TestKernel.bytes());

    private TestKernelConfigs() {
    }

    public static UnikernelConfig testKernel(String... arguments) {
        return new UnikernelConfig(UnikernelType.SOLO5, false, IMAGE, arguments(new FailBehaviour.Quit(), arguments));
    }

    public static UnikernelArguments arguments(FailBehaviour failBehaviour, String... arguments) {
        return new UnikernelArguments(failBehaviour, Optional.empty(), false, Set.of(), 32, Set.of(), Set.of(),
                Optional.of(List.of(arguments)), 1, Optional.empty());
    }
}
