package org.albatross.protocol.testing;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.Label;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Statistics;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.Wire;

/**
 * Random, valid albatross messages from a seed, for round-trip and robustness tests. The same seed gives the
 * same messages, so a failing test names its seed and can be replayed.
 */
public final class RandomMessages {
    private static final String LABEL_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
    private static final String[] TEXT_PIECES = {"a", "Z", "0", " ", ":", "-", "*", "é", "日本", "\uD83D\uDE00", "\n", "\u0000"};
    private static final long LATEST_SECOND = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();

    private final Random random;

    public RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    public Wire wire() {
        return new Wire(header(), payload());
    }

    public Header header() {
        return new Header(random.nextLong(), name());
    }

    public Payload payload() {
        return switch (random.nextInt(4)) {
            case 0 -> command();
            case 1 -> success();
            case 2 -> new Failure(text());
            default -> data();
        };
    }

    public Command command() {
        return switch (random.nextInt(6)) {
            case 0 -> consoleCommand();
            case 1 -> statsCommand();
            case 2 -> eventLogCommand();
            case 3 -> unikernelCommand();
            case 4 -> policyCommand();
            default -> blockCommand();
        };
    }

    public ConsoleCommand consoleCommand() {
        return switch (random.nextInt(4)) {
            case 0 -> new ConsoleCommand.Add(count());
            case 1 -> new ConsoleCommand.SubscribeSince(instant());
            case 2 -> new ConsoleCommand.SubscribeCount(count());
            default -> new ConsoleCommand.ListInactive();
        };
    }

    public StatsCommand statsCommand() {
        return switch (random.nextInt(4)) {
            case 0 -> new StatsCommand.Add(text(), count(), list(() -> new StatsCommand.Tap(text(), text())));
            case 1 -> new StatsCommand.Remove();
            case 2 -> new StatsCommand.Subscribe();
            default -> new StatsCommand.Initial();
        };
    }

    public EventLogCommand eventLogCommand() {
        return random.nextBoolean() ? new EventLogCommand.SubscribeSince(instant())
                : new EventLogCommand.SubscribeCount(count());
    }

    public UnikernelCommand unikernelCommand() {
        return switch (random.nextInt(8)) {
            case 0 -> new UnikernelCommand.Info();
            case 1 -> new UnikernelCommand.Create(unikernelConfig());
            case 2 -> new UnikernelCommand.ForceCreate(unikernelConfig());
            case 3 -> new UnikernelCommand.Restart(optional(this::unikernelArguments));
            case 4 -> new UnikernelCommand.Destroy();
            case 5 -> new UnikernelCommand.Update(unikernelConfig(), optional(this::healthWatch));
            case 6 -> new UnikernelCommand.Rollback();
            default -> new UnikernelCommand.Get(random.nextInt(10));
        };
    }

    public HealthWatch healthWatch() {
        HealthCheck check = switch (random.nextInt(3)) {
            case 0 -> new HealthCheck.StillRunning();
            case 1 -> new HealthCheck.TcpConnect(label().toString(), random.nextInt(65535) + 1);
            default -> new HealthCheck.HttpGet(URI.create((random.nextBoolean() ? "http://h" : "https://h")
                    + random.nextInt(1000) + ".example:" + (random.nextInt(65535) + 1) + "/" + label()));
        };
        return new HealthWatch(check, random.nextInt(HealthWatch.MAX_SECONDS) + 1);
    }

    public PolicyCommand policyCommand() {
        return switch (random.nextInt(3)) {
            case 0 -> new PolicyCommand.Info();
            case 1 -> new PolicyCommand.Add(policy());
            default -> new PolicyCommand.Remove();
        };
    }

    public BlockCommand blockCommand() {
        return switch (random.nextInt(5)) {
            case 0 -> new BlockCommand.Info();
            case 1 -> new BlockCommand.Add(size());
            case 2 -> new BlockCommand.Remove();
            case 3 -> new BlockCommand.Dump(random.nextInt(10));
            default -> new BlockCommand.Set(random.nextBoolean());
        };
    }

    public Success success() {
        return switch (random.nextInt(8)) {
            case 0 -> new Success.Empty();
            case 1 -> new Success.Message(text());
            case 2 -> new Success.Policies(list(() -> new Success.NamedPolicy(name(), policy())));
            case 3 -> new Success.BlockDevices(list(() -> new Success.BlockDevice(name(), size(), random.nextBoolean())));
            case 4 -> new Success.UnikernelImage(random.nextBoolean(), octets(64));
            case 5 -> new Success.BlockDeviceImage(random.nextBoolean());
            case 6 -> new Success.Consoles(list(this::name));
            default -> new Success.UnikernelInfos(list(() -> new Success.NamedUnikernelInfo(name(), unikernelInfo())));
        };
    }

    public Data data() {
        return switch (random.nextInt(5)) {
            case 0 -> new Data.StatisticsSample(statistics());
            case 1 -> new Data.EventEntry(instant(), event());
            case 2 -> new Data.ConsoleLine(instant(), text());
            case 3 -> new Data.BlockChunk(octets(256));
            default -> new Data.BlockEnd();
        };
    }

    public Event event() {
        return switch (random.nextInt(14)) {
            case 0 -> new Event.Startup();
            case 1 -> new Event.Login(session());
            case 2 -> new Event.Logout(session());
            case 3 -> new Event.UnikernelStart(name(), size(), octets(32), list(this::text), list(this::text), text());
            case 4 -> new Event.UnikernelStop(name(), exitStatus());
            case 5 -> new Event.UnikernelRestart(name());
            case 6 -> new Event.Hup();
            case 7 -> new Event.Shutdown();
            case 8 -> new Event.PolicyChanged(path(), optional(this::policy));
            case 9 -> new Event.BlockChanged(name(), optional(this::size));
            case 10 -> new Event.UpdateStarted(name(), octets(32), octets(32), text());
            case 11 -> new Event.UpdatePassed(name(), octets(32), text());
            case 12 -> new Event.RolledBack(name(), octets(32), octets(32), text());
            default -> new Event.CommandRefused(path(), text(), text(), optional(this::session));
        };
    }

    public Policy policy() {
        return new Policy(count(), set(this::cpuId), size(), optional(this::size), set(this::text));
    }

    public UnikernelConfig unikernelConfig() {
        UnikernelType typ = random.nextBoolean() ? UnikernelType.SOLO5 : UnikernelType.BHYVE;
        return new UnikernelConfig(typ, random.nextBoolean(), octets(128), unikernelArguments());
    }

    public UnikernelArguments unikernelArguments() {
        return new UnikernelArguments(failBehaviour(), optional(random::nextInt), random.nextBoolean(),
                set(this::cpuId), size(),
                set(() -> new BlockAttachment(text(), optional(this::text), optional(this::count))),
                set(() -> new NetworkAttachment(text(), optional(this::text), optional(this::mac))),
                optional(() -> list(this::text)), count(), optional(this::text));
    }

    public UnikernelInfo unikernelInfo() {
        return new UnikernelInfo(random.nextBoolean() ? UnikernelType.SOLO5 : UnikernelType.BHYVE,
                optional(random::nextInt), failBehaviour(), set(this::cpuId), size(), octets(32),
                set(() -> new UnikernelInfo.Block(text(), text(), count(), size())),
                set(() -> new UnikernelInfo.Network(text(), text(), mac())),
                optional(() -> list(this::text)), instant(), count(), optional(this::text));
    }

    public Statistics statistics() {
        return new Statistics(
                new Statistics.ResourceUsage(timeval(), timeval(), random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong()),
                list(() -> new Statistics.InterfaceData(text(), random.nextInt(), random.nextInt(), random.nextInt(),
                        random.nextInt(), random.nextInt(), random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong())),
                optional(() -> list(() -> new Statistics.VmmCounter(text(), random.nextLong()))),
                optional(() -> new Statistics.KinfoMem(random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(), timeval())));
    }

    public Name name() {
        Path path = path();
        return random.nextInt(4) == 0 ? Name.of(path) : Name.of(path, label());
    }

    public Path path() {
        List<Label> labels = new ArrayList<>();
        int depth = random.nextInt(4);
        for (int i = 0; i < depth; i++) {
            labels.add(label());
        }
        return new Path(labels);
    }

    public Label label() {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? Label.MAX_LENGTH : 12);
        StringBuilder label = new StringBuilder(length);
        label.append(LABEL_CHARACTERS.charAt(random.nextInt(LABEL_CHARACTERS.length() - 1)));
        for (int i = 1; i < length; i++) {
            label.append(LABEL_CHARACTERS.charAt(random.nextInt(LABEL_CHARACTERS.length())));
        }
        if (label.toString().equals(".") || label.toString().equals("..")) {
            // no labels, being directories' names; extended rather than drawn again, so the seeds stay as they are
            label.append('a');
        }
        return Label.of(label.toString());
    }

    /** Text that UTF-8 can carry: whole code points only, some outside ASCII and the BMP. */
    public String text() {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return text.toString();
    }

    public Instant instant() {
        long second = random.nextLong(LATEST_SECOND);
        int nanos = switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nanos);
    }

    public Octets octets(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return Octets.of(bytes);
    }

    private Event.Session session() {
        return new Event.Session(path(), new BigInteger(random.nextInt(160) + 1, random), text());
    }

    private Event.ExitStatus exitStatus() {
        return switch (random.nextInt(3)) {
            case 0 -> new Event.ExitStatus.Exited(random.nextInt());
            case 1 -> new Event.ExitStatus.Signalled(random.nextInt(64));
            default -> new Event.ExitStatus.Stopped();
        };
    }

    private FailBehaviour failBehaviour() {
        return random.nextBoolean() ? new FailBehaviour.Quit() : new FailBehaviour.Restart(set(random::nextInt));
    }

    private Statistics.Timeval timeval() {
        return new Statistics.Timeval(random.nextLong(), random.nextInt());
    }

    private MacAddress mac() {
        return new MacAddress(random.nextLong() >>> 16);
    }

    private int cpuId() {
        return random.nextInt(256);
    }

    private int count() {
        return random.nextInt(random.nextBoolean() ? 100 : Integer.MAX_VALUE);
    }

    private long size() {
        return random.nextBoolean() ? random.nextInt(100_000) : random.nextLong(Long.MAX_VALUE);
    }

    private <T> Optional<T> optional(Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    private <T> List<T> list(Supplier<T> element) {
        int size = random.nextInt(4);
        List<T> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(element.get());
        }
        return elements;
    }

    private <T> Set<T> set(Supplier<T> element) {
        return new HashSet<>(list(element));
    }
}
