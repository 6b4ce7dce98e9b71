package org.albatross.client;

import java.io.IOException;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.PolicyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** policy, add-policy (replace-policy) and remove-policy: a tenant path's resource policy. */
@Command
final class PolicyCommands {
    @Command(name = "policy", description = "Show the policies at or under PATH (default: all you may see).")
    static int info(@Mixin Output output,
            @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = "") String path) throws IOException {
        return Exchange.oneShot(output, pathName(path), new PolicyCommand.Info());
    }

    @Command(name = "add-policy", aliases = "replace-policy", description = "Set the policy of the tenant PATH,"
            + " or replace it if the resources in use fit the new one (replace-policy is albatross's alias).")
    static int add(@Mixin Output output, @Mixin PolicyOptions policy,
            @Parameters(index = "0", paramLabel = "PATH") String path,
            @Parameters(index = "1", arity = "0..1", paramLabel = "UNIKERNELS",
                    description = "How many unikernels at most, as albatross takes it (or --unikernels N).")
            Integer unikernels) throws IOException {
        return Exchange.oneShot(output, pathName(path), new PolicyCommand.Add(policy.policy(unikernels)));
    }

    @Command(name = "remove-policy", description = "Remove the policy of the tenant PATH.")
    static int remove(@Mixin Output output, @Parameters(paramLabel = "PATH") String path)
            throws IOException {
        return Exchange.oneShot(output, pathName(path), new PolicyCommand.Remove());
    }

    /** A tenant path as the name of the path itself ({@code a:b} is {@code a:b:}). */
    static Name pathName(String path) {
        return Name.of(Path.parse(path));
    }
}
