package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.daemon.events.EventVisibility;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9: tenant A, below the root, with a child A:child and a sibling B, sends every command a certificate can
 * carry (and the two it cannot) against its own unikernel, block device or policy, its child's, its sibling's and
 * its parent's (the root's). Only its own subtree is reachable: A names things by one label under its own path (the
 * chain gives the path, see docs/tls-endpoint.md "Tenant isolation"), so a sibling's or parent's label lands in A's
 * own name space, where it is missing (the same answer as any missing name) or new; A reaches its child's things
 * through a CA it delegated to the child. Every row checks the reply; a refusal also checks that nothing changed and
 * that the event log records it with A's session (path, leaf serial, address). One daemon serves the whole table;
 * each row starts from the same state.
 */
class IsolationMatrixIT {
    private static final Policy A_POLICY = new Policy(4, Set.of(0), 256, Optional.of(20L), Set.of());
    private static final Policy B_POLICY = new Policy(2, Set.of(0), 64, Optional.of(10L), Set.of());
    private static final Policy CHILD_POLICY = new Policy(2, Set.of(0), 96, Optional.of(5L), Set.of());
    private static final Policy CHILD_SHRUNK = new Policy(1, Set.of(0), 48, Optional.of(2L), Set.of());
    private static final Map<Path, Policy> POLICIES = Map.of(Path.parse("a"), A_POLICY, Path.parse("b"), B_POLICY,
            Path.parse("a:child"), CHILD_POLICY);
    private static final List<String> UNIKERNELS = List.of(":rootweb", "a:aweb", "b:bweb", "a:child:cweb");
    private static final List<String> BLOCKS = List.of(":rootdisk", "a:adisk", "b:bdisk", "a:child:cdisk");
    /** After a stream's first datum, long enough for the rest of its history; what arrives later is news. */
    private static final Duration HISTORY = Duration.ofSeconds(2);

    @RegisterExtension
    static final DaemonExtension albatrossd = DaemonExtension.servingTls();

    private static CertificateAuthority tenantA;
    private static CertificateAuthority child;
    private static EventWatch events;
    /** The names of what every row starts from (a unikernel created again starts at another time). */
    private static DaemonSnapshot baseline;

    /** Whose thing A aims at. */
    enum Target {
        OWN, CHILD, SIBLING, PARENT
    }

    @BeforeAll
    static void provision() throws PolicyViolation {
        CertificateAuthority root = albatrossd.tls().root();
        tenantA = root.delegate(Label.of("a"), A_POLICY, TlsFixture.KEYS, Duration.ofDays(1));
        child = tenantA.delegate(Label.of("child"), CHILD_POLICY, TlsFixture.KEYS, Duration.ofDays(1));
        events = EventWatch.start(albatrossd);
        establishBaseline();
        baseline = DaemonSnapshot.of(albatrossd);
    }

    @AfterAll
    static void stopWatching() {
        events.close();
    }

    @BeforeEach
    void restoreBaseline() {
        establishBaseline();
    }

    /** Undoes what the previous row did: the baseline's policies, unikernels and block devices, nothing more. */
    private static void establishBaseline() {
        DaemonSnapshot now = DaemonSnapshot.of(albatrossd);
        now.unikernelNames().stream().filter(name -> !UNIKERNELS.contains(name.toString()))
                .forEach(extra -> albatrossd.request(new UnikernelCommand.Destroy(), extra.toString()).success());
        now.blockNames().stream().filter(name -> !BLOCKS.contains(name.toString()))
                .forEach(extra -> albatrossd.request(new BlockCommand.Remove(), extra.toString()).success());
        now.policies().stream().filter(named -> !named.name().path().isRoot())
                .filter(named -> !POLICIES.containsKey(named.name().path()))
                .forEach(extra -> albatrossd.request(new PolicyCommand.Remove(), extra.name().toString()).success());
        POLICIES.forEach((path, policy) -> albatrossd.request(new PolicyCommand.Add(policy), Name.of(path).toString())
                .success());
        UNIKERNELS.stream().filter(name -> now.unikernel(Name.parse(name)) == null).forEach(missing ->
                albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever").onCpus(0)
                        .config()), missing).success());
        BLOCKS.stream().filter(name -> !now.blockNames().contains(Name.parse(name)))
                .forEach(missing -> albatrossd.request(new BlockCommand.Add(1), missing).success());
    }

    static Stream<Row> rows() {
        Policy bigger = new Policy(8, Set.of(0), 512, Optional.of(40L), Set.of());
        byte[] blockData = new byte[4096];
        Arrays.fill(blockData, (byte) 0x5a);
        Command create = new UnikernelCommand.Create(TestUnikernel.withArguments("forever").onCpus(0).config());
        List<Row> rows = new ArrayList<>();
        rows.addAll(List.of(
                Row.of("create", Target.OWN, "anew", create, created("a:anew")),
                Row.of("create", Target.CHILD, "cnew", create, created("a:child:cnew")),
                Row.of("create", Target.SIBLING, "bweb", create, landsInOwnNameSpace("a:bweb", "b:bweb")),
                Row.of("create", Target.PARENT, "rootweb", create, landsInOwnNameSpace("a:rootweb", ":rootweb"))));
        rows.addAll(fourWays("destroy", new UnikernelCommand.Destroy(), "web",
                allowed("destroyed unikernel", observed -> assertThat(observed.after().unikernelNames())
                        .doesNotContain(Name.parse("a:aweb"))),
                allowed("destroyed unikernel", observed -> assertThat(observed.after().unikernelNames())
                        .doesNotContain(Name.parse("a:child:cweb"))),
                refused("destroy: not found")));
        rows.addAll(fourWays("restart", new UnikernelCommand.Restart(Optional.empty()), "web",
                allowed("created unikernel", restarted("a:aweb")), allowed("created unikernel", restarted(
                        "a:child:cweb")), refused("restart: no unikernel")));
        rows.addAll(List.of(
                Row.of("info", Target.OWN, ".", new UnikernelCommand.Info(), lists(Success.UnikernelInfos.class,
                        "a:aweb", "a:child:cweb")),
                Row.of("info", Target.CHILD, ".", new UnikernelCommand.Info(), lists(Success.UnikernelInfos.class,
                        "a:child:cweb")),
                Row.of("info", Target.SIBLING, "bweb", new UnikernelCommand.Info(),
                        lists(Success.UnikernelInfos.class)),
                Row.of("info", Target.PARENT, "rootweb", new UnikernelCommand.Info(),
                        lists(Success.UnikernelInfos.class))));
        rows.addAll(fourWays("get", new UnikernelCommand.Get(0), "web", kind(Success.UnikernelImage.class),
                kind(Success.UnikernelImage.class), refused("get: no unikernel found")));
        // A's console of a:bweb is "waiting for VM", or "subscribed" to the console the create row's a:bweb left.
        rows.addAll(fourWays("console", new ConsoleCommand.SubscribeCount(5), "web", allowed("subscribed"),
                allowed("subscribed"), allowedEither("waiting for VM", "subscribed")));
        rows.addAll(List.of(
                Row.of("events", Target.OWN, ".", new EventLogCommand.SubscribeCount(1000), eventsOnlyUnder("a")),
                Row.of("events", Target.CHILD, ".", new EventLogCommand.SubscribeCount(1000),
                        eventsOnlyUnder("a:child")),
                Row.of("events", Target.SIBLING, "bweb", new EventLogCommand.SubscribeCount(1000),
                        eventsOnlyUnder("a")),
                Row.of("events", Target.PARENT, "rootweb", new EventLogCommand.SubscribeCount(1000),
                        eventsOnlyUnder("a"))));
        rows.addAll(fourWays("stats", new StatsCommand.Subscribe(), "web", allowed("subscribed"),
                allowed("subscribed"), allowed("subscribed")));
        rows.addAll(List.of(
                Row.of("policy info", Target.OWN, ".", new PolicyCommand.Info(), lists(Success.Policies.class, "a:",
                        "a:child:")),
                Row.of("policy info", Target.CHILD, ".", new PolicyCommand.Info(), lists(Success.Policies.class,
                        "a:child:")),
                Row.of("policy info", Target.SIBLING, "bweb", new PolicyCommand.Info(), lists(Success.Policies.class,
                        "a:", "a:child:")),
                Row.of("policy info", Target.PARENT, "rootweb", new PolicyCommand.Info(),
                        lists(Success.Policies.class, "a:", "a:child:"))));
        for (Target target : Target.values()) {
            rows.add(Row.forged("add-policy", target, ".", new PolicyCommand.Add(bigger),
                    refused("which a certificate may not ask for")));
        }
        for (Target target : Target.values()) {
            rows.add(Row.forged("remove-policy", target, ".", new PolicyCommand.Remove(),
                    refused("which a certificate may not ask for")));
        }
        rows.addAll(List.of(
                Row.delegating("add-policy by delegation", Target.CHILD, "child", CHILD_SHRUNK,
                        policyBecomes("a:child", CHILD_SHRUNK)),
                Row.delegating("add-policy by delegation", Target.SIBLING, "b", CHILD_SHRUNK,
                        policyBecomes("a:b", CHILD_SHRUNK))));
        rows.addAll(List.of(
                Row.of("block info", Target.OWN, ".", new BlockCommand.Info(), lists(Success.BlockDevices.class,
                        "a:adisk", "a:child:cdisk")),
                Row.of("block info", Target.CHILD, ".", new BlockCommand.Info(), lists(Success.BlockDevices.class,
                        "a:child:cdisk")),
                Row.of("block info", Target.SIBLING, "bdisk", new BlockCommand.Info(),
                        lists(Success.BlockDevices.class)),
                Row.of("block info", Target.PARENT, "rootdisk", new BlockCommand.Info(),
                        lists(Success.BlockDevices.class))));
        rows.addAll(List.of(
                Row.of("block create", Target.OWN, "anewdisk", new BlockCommand.Add(1), blockAdded("a:anewdisk")),
                Row.of("block create", Target.CHILD, "cnewdisk", new BlockCommand.Add(1),
                        blockAdded("a:child:cnewdisk")),
                Row.of("block create", Target.SIBLING, "bdisk", new BlockCommand.Add(1),
                        blockLandsInOwnNameSpace("a:bdisk", "b:bdisk")),
                Row.of("block create", Target.PARENT, "rootdisk", new BlockCommand.Add(1),
                        blockLandsInOwnNameSpace("a:rootdisk", ":rootdisk"))));
        rows.addAll(fourWays("block destroy", new BlockCommand.Remove(), "disk",
                allowed("removed block", observed -> assertThat(observed.after().blockNames())
                        .doesNotContain(Name.parse("a:adisk"))),
                allowed("removed block", observed -> assertThat(observed.after().blockNames())
                        .doesNotContain(Name.parse("a:child:cdisk"))),
                refused("remove block: not found")));
        rows.addAll(fourWays("block set", new BlockCommand.Set(false), "disk", allowed("set block device"),
                allowed("set block device"), refused("set block: not found")).stream()
                .map(row -> row.uploading(blockData)).toList());
        rows.addAll(fourWays("block dump", new BlockCommand.Dump(0), "disk", kind(Success.BlockDeviceImage.class),
                kind(Success.BlockDeviceImage.class), refused("dump block: not found")));
        for (String forgedName : List.of("b:bweb", ":rootweb", "../bweb")) {
            rows.add(Row.of("destroy named \"" + forgedName + "\"", Target.SIBLING, forgedName,
                    new UnikernelCommand.Destroy(), refused("is not an albatross label")));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void onlyTheTenantsOwnSubtreeIsReachable(Row row) {
        DaemonSnapshot before = DaemonSnapshot.of(albatrossd);
        assertThat(before.unikernelNames()).as("the unikernels every row starts from")
                .containsExactlyInAnyOrderElementsOf(baseline.unikernelNames());
        int mark = events.mark();
        Credential leaf = row.leaf();

        Received answer = send(leaf, row);

        row.expected().check(new Observation(answer, before, DaemonSnapshot.of(albatrossd)));
        if (row.expected() instanceof Refused) {
            Event.CommandRefused refusal = events.awaitRefusal(mark, "the refusal of " + row, refused ->
                    refused.by().map(Event.Session::leafSerial).filter(leaf.certificate().getSerialNumber()::equals)
                            .isPresent());
            Event.Session session = refusal.by().orElseThrow();
            assertThat(session.tenant()).isEqualTo(row.issuer().tenantPath());
            assertThat(session.remote()).startsWith("/127.0.0.1:");
            assertThat(refusal.who()).isEqualTo(row.issuer().tenantPath());
        }
    }

    private static Received send(Credential leaf, Row row) {
        try (Session session = albatrossd.tls().connect(leaf);
                org.albatross.client.transport.Stream stream = row.upload().isPresent()
                        ? session.uploadThenReceive(new ByteArrayInputStream(row.upload().get()))
                        : session.receive()) {
            Answer reply = stream.reply();
            List<Data> data = reply instanceof Answer.Succeeded && row.streams() ? history(stream) : List.of();
            return new Received(reply, data);
        } catch (IOException e) {
            throw new AssertionError("could not upload for " + row, e);
        }
    }

    /**
     * What a stream sends at once: its first datum, however long a loaded machine takes to send it (every subtree
     * here has events), then what follows it within {@link #HISTORY}.
     */
    private static List<Data> history(org.albatross.client.transport.Stream stream) {
        List<Data> history = new ArrayList<>(Streams.readUntil(stream, "the first event of the history", any -> true));
        history.addAll(Streams.readFor(stream, HISTORY));
        return history;
    }

    /**
     * One (command, target) cell: the leaf A sends (its common name is the only name it gives) and what must follow.
     */
    record Row(String command, Target target, String commonName, Command sent, Optional<byte[]> upload,
            LeafKind leafKind, Optional<Policy> delegated, Outcome expected) {

        enum LeafKind {
            /** Issued as albatross-client issues it. */
            ISSUED,
            /** A command a certificate may not carry, forged since no CA of ours issues it. */
            FORGED,
            /** A's delegation of a policy to the label, then policy info through it. */
            DELEGATING
        }

        static Row of(String command, Target target, String commonName, Command sent, Outcome expected) {
            return new Row(command, target, commonName, sent, Optional.empty(), LeafKind.ISSUED, Optional.empty(),
                    expected);
        }

        static Row forged(String command, Target target, String commonName, Command sent, Outcome expected) {
            return new Row(command, target, commonName, sent, Optional.empty(), LeafKind.FORGED, Optional.empty(),
                    expected);
        }

        static Row delegating(String command, Target target, String label, Policy policy, Outcome expected) {
            return new Row(command, target, label, new PolicyCommand.Info(), Optional.empty(), LeafKind.DELEGATING,
                    Optional.of(policy), expected);
        }

        Row uploading(byte[] data) {
            return new Row(command, target, commonName, sent, Optional.of(data), leafKind, delegated, expected);
        }

        /** A's CA, or the CA A delegated to its child for the child's things. */
        CertificateAuthority issuer() {
            return target == Target.CHILD && leafKind != LeafKind.DELEGATING ? child : tenantA;
        }

        Credential leaf() {
            return switch (leafKind) {
                case ISSUED -> issuer().issueCommand(commonName, sent, TlsFixture.KEYS);
                case FORGED -> ForgedCertificate.leaf(commonName, sent).signedBy(issuer().credential());
                case DELEGATING -> delegate().issueCommand(".", sent, TlsFixture.KEYS);
            };
        }

        private CertificateAuthority delegate() {
            try {
                return tenantA.delegate(Label.of(commonName), delegated.orElseThrow(), TlsFixture.KEYS,
                        Duration.ofDays(1));
            } catch (PolicyViolation e) {
                throw new AssertionError("A cannot delegate " + commonName, e);
            }
        }

        boolean streams() {
            return sent instanceof EventLogCommand;
        }

        @Override
        public String toString() {
            return command + " x " + target + " (" + commonName + ")";
        }
    }

    /** What A got back: the first reply, and the history a stream sent after it. */
    record Received(Answer reply, List<Data> data) {
    }

    /** The answer, and the daemon's state before and after the row. */
    record Observation(Received answer, DaemonSnapshot before, DaemonSnapshot after) {
        Success success() {
            assertThat(answer.reply()).as("the reply").isInstanceOf(Answer.Succeeded.class);
            return answer.reply().success();
        }
    }

    /** What a row must show. */
    sealed interface Outcome {
        void check(Observation observed);
    }

    /** Answered with a success; {@code effect} holds of what followed. */
    record Allowed(String description, Consumer<Observation> effect) implements Outcome {
        @Override
        public void check(Observation observed) {
            effect.accept(observed);
        }
    }

    /** Refused with a message containing {@code message}; nothing changes. */
    record Refused(String message) implements Outcome {
        @Override
        public void check(Observation observed) {
            assertThat(observed.answer().reply()).isInstanceOfSatisfying(Answer.Failed.class, failed ->
                    assertThat(failed.message()).contains(message).doesNotContain("Exception").doesNotContain("\tat "));
            assertThat(observed.after()).as("the daemon's state after the refusal").isEqualTo(observed.before());
        }
    }

    /** The same command four ways: A's own {@code "a" + stem}, the child's, the sibling's and the parent's. */
    private static List<Row> fourWays(String command, Command sent, String stem, Outcome own, Outcome ofChild,
            Outcome elsewhere) {
        return List.of(
                Row.of(command, Target.OWN, "a" + stem, sent, own),
                Row.of(command, Target.CHILD, "c" + stem, sent, ofChild),
                Row.of(command, Target.SIBLING, "b" + stem, sent, elsewhere),
                Row.of(command, Target.PARENT, "root" + stem, sent, elsewhere));
    }

    private static Outcome refused(String message) {
        return new Refused(message);
    }

    private static Outcome allowed(String message) {
        return allowed(message, observed -> { });
    }

    private static Outcome allowed(String message, Consumer<Observation> effect) {
        return new Allowed("\"" + message + "\"", observed -> {
            assertThat(observed.success()).isEqualTo(new Success.Message(message));
            effect.accept(observed);
        });
    }

    private static Outcome allowedEither(String message, String orMessage) {
        return new Allowed("\"" + message + "\" or \"" + orMessage + "\"", observed -> assertThat(observed.success())
                .isIn(new Success.Message(message), new Success.Message(orMessage)));
    }

    private static Outcome kind(Class<? extends Success> kind) {
        return new Allowed(kind.getSimpleName(), observed -> assertThat(observed.success()).isInstanceOf(kind));
    }

    private static Outcome created(String name) {
        return allowed("created unikernel", observed -> assertThat(observed.after().unikernelNames())
                .contains(Name.parse(name)));
    }

    private static Consumer<Observation> restarted(String name) {
        return observed -> assertThat(observed.after().unikernel(Name.parse(name))).isNotNull()
                .isNotEqualTo(observed.before().unikernel(Name.parse(name)));
    }

    /** A's command lands on {@code own}, in A's name space; {@code target} is exactly as it was. */
    private static Outcome landsInOwnNameSpace(String own, String target) {
        return allowed("created unikernel", observed -> {
            assertThat(observed.after().unikernelNames()).contains(Name.parse(own));
            assertThat(observed.after().unikernel(Name.parse(target)))
                    .isEqualTo(observed.before().unikernel(Name.parse(target)));
        });
    }

    private static Outcome blockAdded(String name) {
        return allowed("added block device", observed -> assertThat(observed.after().blockNames())
                .contains(Name.parse(name)));
    }

    private static Outcome blockLandsInOwnNameSpace(String own, String target) {
        return allowed("added block device", observed -> {
            assertThat(observed.after().blockNames()).contains(Name.parse(own));
            assertThat(observed.after().blockDevices()).filteredOn(device -> device.name().equals(Name.parse(target)))
                    .isEqualTo(observed.before().blockDevices().stream()
                            .filter(device -> device.name().equals(Name.parse(target))).toList());
        });
    }

    private static Outcome policyBecomes(String path, Policy policy) {
        return new Allowed("policy of " + path, observed -> {
            assertThat(observed.success()).isInstanceOf(Success.Policies.class);
            assertThat(observed.after().policies()).contains(new Success.NamedPolicy(Name.parse(path + ":"), policy))
                    .contains(new Success.NamedPolicy(Name.parse("b:"), B_POLICY));
        });
    }

    /** A listing reply naming exactly {@code names}, whatever it lists. */
    private static Outcome lists(Class<? extends Success> kind, String... names) {
        return new Allowed(kind.getSimpleName() + " " + List.of(names), observed ->
                assertThat(observed.success()).isInstanceOfSatisfying(kind, listing -> assertThat(namesIn(listing))
                        .containsExactlyInAnyOrderElementsOf(Stream.of(names).map(Name::parse).toList())));
    }

    private static List<Name> namesIn(Success listing) {
        if (listing instanceof Success.UnikernelInfos infos) {
            return infos.unikernels().stream().map(Success.NamedUnikernelInfo::name).toList();
        }
        if (listing instanceof Success.Policies policies) {
            return policies.policies().stream().map(Success.NamedPolicy::name).toList();
        }
        if (listing instanceof Success.BlockDevices devices) {
            return devices.devices().stream().map(Success.BlockDevice::name).toList();
        }
        throw new AssertionError("not a listing: " + listing);
    }

    /**
     * The history streamed is about {@code tenant}'s subtree only: every unikernel, block device, policy, login and
     * refusal in it lies at or under the tenant's path (the daemon's own startup has no path). Which path an event is
     * about is the daemon's {@link EventVisibility#subject}; what is checked here is that the filter applies it.
     */
    private static Outcome eventsOnlyUnder(String tenant) {
        Path subtree = Path.parse(tenant);
        return new Allowed("events under " + tenant, observed -> {
            assertThat(observed.success()).isEqualTo(new Success.Message("subscribed"));
            assertThat(observed.answer().data()).as("the history streamed").isNotEmpty().allSatisfy(data -> {
                Event event = ((Data.EventEntry) data).event();
                EventVisibility.subject(event).ifPresent(path -> assertThat(path.startsWith(subtree))
                        .as(event.toString()).isTrue());
            });
        });
    }
}
