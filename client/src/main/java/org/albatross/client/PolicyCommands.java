package org.albatross.client;

import java.io.IOException;
import java.util.List;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.PolicyCommand;

/** policy, add-policy (replace-policy) and remove-policy: a tenant path's resource policy. */
final class PolicyCommands {
    private static final Arg<String> PATHS = Arg.positional("PATH").optional().defaultValue("").of(String.class);
    private static final Arg<String> PATH = Arg.positional("PATH").of(String.class);
    private static final Arg<Integer> UNIKERNELS = Arg.positional("UNIKERNELS").optional()
            .describe("How many unikernels at most, as albatross takes it (or --unikernels N).").of(Integer.class);

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("add-policy").alias("replace-policy").describe("Set the policy of the tenant PATH, or"
                    + " replace it if the resources in use fit the new one (replace-policy is albatross's alias).")
                    .with(Output.OPTIONS).with(PolicyOptions.OPTIONS).with(PATH, UNIKERNELS).runs(PolicyCommands::add),
            Subcommand.named("policy").describe("Show the policies at or under PATH (default: all you may see).")
                    .with(Output.OPTIONS).with(PATHS).runs(PolicyCommands::info),
            Subcommand.named("remove-policy").describe("Remove the policy of the tenant PATH.")
                    .with(Output.OPTIONS).with(PATH).runs(PolicyCommands::remove));

    private PolicyCommands() {
    }

    private static int info(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), pathName(invocation.get(PATHS)), new PolicyCommand.Info());
    }

    private static int add(Invocation invocation) throws IOException {
        PolicyOptions policy = new PolicyOptions(invocation);
        return Exchange.oneShot(new Output(invocation), pathName(invocation.get(PATH)),
                new PolicyCommand.Add(policy.policy(invocation.get(UNIKERNELS))));
    }

    private static int remove(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), pathName(invocation.get(PATH)), new PolicyCommand.Remove());
    }

    /** A tenant path as the name of the path itself ({@code a:b} is {@code a:b:}). */
    static Name pathName(String path) {
        return Name.of(Path.parse(path));
    }
}
