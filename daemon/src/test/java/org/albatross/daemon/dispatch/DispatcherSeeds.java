package org.albatross.daemon.dispatch;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.testing.RandomMessages;
import org.albatross.protocol.testing.SeedFiles;

/**
 * The seed corpus of {@link DispatcherFuzzTest}: commands our own encoder writes, the daemon's everyday ones (a
 * create with the project's test kernel, policies, blocks, console and statistics subscriptions) and seeded random
 * ones of every kind. {@code main(daemon-module-directory)} writes them; {@link DispatcherSeedsTest} checks the
 * committed ones are current.
 */
final class DispatcherSeeds {
    static final String DIRECTORY = "src/test/resources/org/albatross/daemon/dispatch/DispatcherFuzzTestInputs/"
            + "aDecodedCommandGetsADomainReply";
    private static final long SEED = 20251125L;
    private static final int RANDOM_COMMANDS = 24;

    private DispatcherSeeds() {
    }

    static Map<String, byte[]> seeds() {
        Policy small = new Policy(2, Set.of(0), 256, Optional.of(64L), Set.of());
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("create", wire("web", new UnikernelCommand.Create(testKernel("forever"))));
        seeds.put("create-streamed-image", wire("web", new UnikernelCommand.Create(testKernel().withImage(Octets.EMPTY))));
        seeds.put("info", wire(":", new UnikernelCommand.Info()));
        seeds.put("destroy", wire("web", new UnikernelCommand.Destroy()));
        seeds.put("policy-add", wire("acme:", new PolicyCommand.Add(small)));
        seeds.put("policy-info", wire(":", new PolicyCommand.Info()));
        seeds.put("policy-remove", wire("acme:", new PolicyCommand.Remove()));
        seeds.put("block-add", wire("acme:data", new BlockCommand.Add(10)));
        seeds.put("block-set", wire("acme:data", new BlockCommand.Set(false)));
        seeds.put("block-dump", wire("acme:data", new BlockCommand.Dump(1)));
        seeds.put("console-subscribe", wire("web", new ConsoleCommand.SubscribeCount(5)));
        seeds.put("stats-subscribe", wire("web", new StatsCommand.Subscribe()));
        seeds.put("stats-add", wire("web", new StatsCommand.Add("vmm0", 1, List.of())));
        seeds.put("update", wire("web", new UnikernelCommand.Update(testKernel("forever"), Optional.of(
                new HealthWatch(new HealthCheck.StillRunning(), 60)))));
        seeds.put("rollback", wire("web", new UnikernelCommand.Rollback()));
        RandomMessages random = new RandomMessages(SEED);
        for (int i = 0; i < RANDOM_COMMANDS; i++) {
            seeds.put(String.format("random-%02d", i), WireCodec.encode(new Wire(random.header(), random.command())));
        }
        return seeds;
    }

    public static void main(String[] arguments) throws IOException {
        SeedFiles.write(Path.of(arguments.length > 0 ? arguments[0] : ".").resolve(DIRECTORY), seeds());
    }

    private static byte[] wire(String name, Command command) {
        return WireCodec.encode(new Wire(new Header(1, Name.parse(name)), command));
    }
}
