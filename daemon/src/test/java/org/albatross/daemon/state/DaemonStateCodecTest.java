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
import org.albatross.protocol.Octets;
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
        UnikernelSpec config = spec(new RandomMessages(11));
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
                Name.parse("late"), withStartup(spec(random), Optional.of(90)),
                Name.parse("default"), withStartup(spec(random), Optional.empty()),
                Name.parse("early"), withStartup(spec(random), Optional.of(10))), Map.of());
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

    private static UnikernelSpec withStartup(UnikernelSpec spec, Optional<Integer> startup) {
        UnikernelArguments args = spec.arguments();
        return spec.withArguments(new UnikernelArguments(args.failBehaviour(), startup, args.addName(), args.cpuIds(),
                args.memoryMb(), args.blockDevices(), args.bridges(), args.arguments(), args.numCpus(),
                args.linuxBootPartition()));
    }

    /** A random unikernel with a random digest: the codec never looks at images. */
    private static UnikernelSpec spec(RandomMessages random) {
        UnikernelConfig config = random.unikernelConfig();
        byte[] digest = new byte[32];
        new Random(config.hashCode()).nextBytes(digest);
        return new UnikernelSpec(config.typ(), Octets.of(digest), config.runArguments());
    }

    @Test
    void aDigestIsThirtyTwoBytesOrTheStateIsUnreadable() {
        byte[] bytes = DaemonStateCodec.encode(new DaemonState(Map.of(), Map.of(),
                Map.of(Name.parse("web"), spec(new RandomMessages(5))), Map.of()));
        bytes[Integer.BYTES] = 'X';

        assertThatThrownBy(() -> DaemonStateCodec.decode(bytes)).isInstanceOf(DaemonStateCodec.UnreadableState.class)
                .hasMessageContaining("unknown kind");
    }

    @Test
    void anUpdatedUnikernelKeepsWhatItRanBeforeAndItsWatchAcrossTheTrip() throws Exception {
        UnikernelSpec now = spec(new RandomMessages(3));
        UnikernelSpec before = spec(new RandomMessages(4));
        KeptUpdate kept = new KeptUpdate(before, Optional.of(new KeptUpdate.Watch(new org.albatross.protocol
                .HealthWatch(new org.albatross.protocol.HealthCheck.StillRunning(), 60),
                java.time.Instant.parse("2026-12-06T12:00:00.250Z"))));
        DaemonState state = new DaemonState(Map.of(), Map.of(), Map.of(Name.parse("web"), now), Map.of(),
                Map.of(Name.parse("web"), kept));

        DaemonState decoded = DaemonStateCodec.decode(DaemonStateCodec.encode(state));

        assertThat(decoded.updates()).containsExactly(Map.entry(Name.parse("web"), kept));
        assertThat(decoded.images()).as("the previous image is referred to").contains(before.imageDigest());
    }

    @Test
    void theStateHoldsNoImageBytes() {
        UnikernelSpec spec = spec(new RandomMessages(9));
        DaemonState one = new DaemonState(Map.of(), Map.of(), Map.of(Name.parse("web"), spec), Map.of());
        assertThat(DaemonStateCodec.encode(one).length).as("a few hundred bytes, whatever the image").isLessThan(1024);
    }

    private static DaemonState randomState(RandomMessages random, Random sizes) {
        Map<Path, Policy> policies = new HashMap<>();
        Map<Name, Long> blocks = new HashMap<>();
        Map<Name, UnikernelSpec> unikernels = new HashMap<>();
        for (int i = sizes.nextInt(4); i > 0; i--) {
            policies.put(random.path(), random.policy());
        }
        for (int i = sizes.nextInt(4); i > 0; i--) {
            blocks.put(labelled(random), (long) sizes.nextInt(100_000));
        }
        for (int i = sizes.nextInt(4); i > 0; i--) {
            unikernels.put(labelled(random), spec(random));
        }
        Map<Name, UnikernelSpec> stopped = new HashMap<>();
        for (int i = sizes.nextInt(3); i > 0; i--) {
            stopped.put(labelled(random), spec(random));
        }
        Map<Name, KeptUpdate> updates = new HashMap<>();
        for (Name name : unikernels.keySet()) {
            if (sizes.nextBoolean()) {
                updates.put(name, new KeptUpdate(spec(random), sizes.nextBoolean() ? Optional.empty()
                        : Optional.of(new KeptUpdate.Watch(random.healthWatch(),
                                java.time.Instant.ofEpochMilli(sizes.nextLong(1L << 42))))));
            }
        }
        return new DaemonState(policies, blocks, unikernels, stopped, updates);
    }

    private static Name labelled(RandomMessages random) {
        return Name.of(random.path(), random.label());
    }

}
