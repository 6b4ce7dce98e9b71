package org.albatross.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.testing.RandomMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DaemonStateCodecTest {
    static LongStream seeds() {
        long base = new Random().nextLong();
        System.out.println("DaemonStateCodecTest base seed " + base);
        return LongStream.range(0, 50).map(offset -> base + offset);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aStateDecodesToItselfAfterEncoding(long seed) throws Exception {
        DaemonState state = randomState(new RandomMessages(seed), new Random(seed));
        assertThat(DaemonStateCodec.decode(DaemonStateCodec.encode(state))).isEqualTo(state);
    }

    @Test
    void theEmptyStateIsNoBytes() throws Exception {
        assertThat(DaemonStateCodec.encode(DaemonState.EMPTY)).isEmpty();
        assertThat(DaemonStateCodec.decode(new byte[0])).isEqualTo(DaemonState.EMPTY);
    }

    @Test
    void aStoppedUnikernelIsKeptApartFromTheOnesThatStart() throws Exception {
        UnikernelConfig config = new RandomMessages(11).unikernelConfig();
        DaemonState state = new DaemonState(Map.of(), Map.of(), Map.of(Name.parse("runs"), config),
                Map.of(Name.parse("looped"), config));

        DaemonState decoded = DaemonStateCodec.decode(DaemonStateCodec.encode(state));

        assertThat(decoded.unikernels()).containsOnlyKeys(Name.parse("runs"));
        assertThat(decoded.stopped()).containsOnlyKeys(Name.parse("looped"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aStateCutInsideAnEntryIsUnreadableNotPartlyRestored(long seed) {
        byte[] bytes = DaemonStateCodec.encode(randomState(new RandomMessages(seed), new Random(seed)));
        if (bytes.length == 0) {
            return;
        }
        // Cutting 1 to 3 bytes always lands inside the last entry (each is longer); the store's checksum catches
        // a cut at an entry boundary.
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1 - new Random(seed).nextInt(3));
        assertThatThrownBy(() -> DaemonStateCodec.decode(cut))
                .isInstanceOf(DaemonStateCodec.UnreadableState.class)
                .hasMessageStartingWith("the state cannot be read: entry ");
    }

    @Test
    void unikernelsStartInAlbatrossStartupOrderWithFiftyWhenUnset() {
        RandomMessages random = new RandomMessages(7);
        DaemonState state = new DaemonState(Map.of(), Map.of(), Map.of(
                Name.parse("late"), withStartup(random.unikernelConfig(), Optional.of(90)),
                Name.parse("default"), withStartup(random.unikernelConfig(), Optional.empty()),
                Name.parse("early"), withStartup(random.unikernelConfig(), Optional.of(10))), Map.of());
        assertThat(state.startupOrder()).extracting(entry -> entry.getKey().toString())
                .containsExactly(":early", ":default", ":late");
    }

    @Test
    void policiesComeOutermostFirst() {
        Policy policy = new RandomMessages(3).policy();
        DaemonState state = new DaemonState(Map.of(Path.of("a", "b"), policy, Path.of("a"), policy,
                Path.of("c", "d", "e"), policy), Map.of(), Map.of(), Map.of());
        assertThat(state.policiesOutermostFirst()).extracting(entry -> entry.getKey().toString())
                .containsExactly("a", "a:b", "c:d:e");
    }

    private static UnikernelConfig withStartup(UnikernelConfig config, Optional<Integer> startup) {
        UnikernelArguments args = config.runArguments();
        return new UnikernelConfig(config.typ(), config.compressed(), config.image(), new UnikernelArguments(
                args.failBehaviour(), startup, args.addName(), args.cpuIds(), args.memoryMb(), args.blockDevices(),
                args.bridges(), args.arguments(), args.numCpus(), args.linuxBootPartition()));
    }

    private static DaemonState randomState(RandomMessages random, Random sizes) {
        Map<Path, Policy> policies = new HashMap<>();
        Map<Name, Long> blocks = new HashMap<>();
        Map<Name, UnikernelConfig> unikernels = new HashMap<>();
        for (int i = sizes.nextInt(4); i > 0; i--) {
            policies.put(random.path(), random.policy());
        }
        for (int i = sizes.nextInt(4); i > 0; i--) {
            blocks.put(labelled(random), (long) sizes.nextInt(100_000));
        }
        for (int i = sizes.nextInt(4); i > 0; i--) {
            unikernels.put(labelled(random), random.unikernelConfig());
        }
        Map<Name, UnikernelConfig> stopped = new HashMap<>();
        for (int i = sizes.nextInt(3); i > 0; i--) {
            stopped.put(labelled(random), random.unikernelConfig());
        }
        return new DaemonState(policies, blocks, unikernels, stopped);
    }

    private static Name labelled(RandomMessages random) {
        return Name.of(random.path(), random.label());
    }

}
