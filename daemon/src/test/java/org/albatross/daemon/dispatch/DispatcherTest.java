package org.albatross.daemon.dispatch;

import static org.albatross.daemon.testing.TestKernelConfigs.testKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.albatross.daemon.reply.InboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.testing.WithFakeDaemon;
import org.albatross.policy.cert.Delegation;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Payload;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.junit.jupiter.api.Test;

/** What the dispatcher decides before any service acts: which names a command may carry, what it routes where. */
class DispatcherTest extends WithFakeDaemon {

    @Test
    void aBlockCommandOnAPathIsRefusedWithAnExample() {
        assertThat(answer("foo:bar:", new BlockCommand.Add(1))).isEqualTo(new Failure(
                "the name \"foo:bar:\" is a path; a block device needs a name with a label, e.g. \"foo:bar:hello\""));
    }

    @Test
    void aConsoleSubscriptionOnTheRootIsRefusedWithAnExample() {
        assertThat(answer(":", new ConsoleCommand.SubscribeCount(5))).isEqualTo(new Failure(
                "the name \":\" is a path; subscribe to a unikernel's console by its name, e.g. \"hello\""));
    }

    @Test
    void aPolicyCommandActsOnThePathOfANameWithALabelAsAlbatrossDoes() {
        Policy policy = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());
        assertThat(answer("foo:ignored", new PolicyCommand.Add(policy))).isEqualTo(new Success.Message("added policy"));
        assertThat(answer("foo:", new PolicyCommand.Info())).isEqualTo(new Success.Policies(java.util.List.of(
                new Success.NamedPolicy(Name.parse("foo:"), policy))));
    }

    @Test
    void aChainsPoliciesInPlaceAlreadyAreInstalledWithoutWaitingForTheStateThread() {
        Policy policy = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());
        List<Delegation> chain = List.of(new Delegation(Path.of("tenant"), policy));
        assertThat(daemon.dispatcher.install(chain).join()).as("installed").isEmpty();
        CountDownLatch launch = new CountDownLatch(1);
        daemon.launcher.launchesWaitFor = launch;
        try {
            CompletableFuture<Reply> busy = daemon.supervisor.create(Name.parse("busy"), testKernel());
            await("the state thread launches").atMost(java.time.Duration.ofMinutes(1))
                    .until(() -> daemon.launcher.launchesWaiting.get() == 1);

            assertThat(daemon.dispatcher.install(chain)).as("answered while the state thread launches")
                    .isCompletedWithValue(Optional.empty());
            assertThat(daemon.dispatcher.install(List.of(new Delegation(Path.of("other"), policy))))
                    .as("a new policy waits for it").isNotDone();
            launch.countDown();
            assertThat(busy.join().answer()).isInstanceOf(Success.class);
        } finally {
            launch.countDown();
        }
    }

    @Test
    void infoOnAPathListsWhatRunsUnderIt() {
        answer("foo:web", new UnikernelCommand.Create(testKernel("forever")));
        answer("bar:web", new UnikernelCommand.Create(testKernel("forever")));
        Success.UnikernelInfos infos = (Success.UnikernelInfos) answer("foo:", new UnikernelCommand.Info());
        assertThat(infos.unikernels()).extracting(info -> info.name().toString()).containsExactly("foo:web");
    }

    @Test
    void theDaemonsOwnConsoleAndStatisticsAddAreRefusedAndRecorded() {
        assertThat(answer("web", new ConsoleCommand.Add(10))).isInstanceOf(Failure.class);
        assertThat(answer("web", new StatsCommand.Add("vmm0", 1, List.of()))).isInstanceOf(Failure.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> daemon.events.stream()
                .filter(Event.CommandRefused.class::isInstance).count() == 2);
    }

    @Test
    void statisticsAreSubscribedByAUnikernelsNameNotByAPath() {
        assertThat(answer("web", new StatsCommand.Subscribe())).isEqualTo(new Success.Message("subscribed"));
        assertThat(answer("acme:", new StatsCommand.Subscribe())).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.message()).contains("statistics needs a name with a label"));
    }

    @Test
    void blockSetAndACreateWithoutImageAreFollowedByAStream() {
        assertThat(Dispatcher.isFollowedByStream(new BlockCommand.Set(true))).isTrue();
        assertThat(Dispatcher.isFollowedByStream(new BlockCommand.Dump(0))).isFalse();
        assertThat(Dispatcher.isFollowedByStream(new UnikernelCommand.Create(testKernel()))).isFalse();
        assertThat(Dispatcher.isFollowedByStream(new UnikernelCommand.Create(testKernel().withImage(
                org.albatross.protocol.Octets.EMPTY)))).isTrue();
    }

    @Test
    void consoleAndStatisticsDataAreNamedRelativeToTheTenantAsAlbatrossShowsThem() {
        answer("a:web", new UnikernelCommand.Create(testKernel("forever")));
        Header request = new Header(1, Name.parse("a:web"));

        Reply console = daemon.dispatcher.dispatch(new Caller(Path.of("a"), Optional.empty()), request, new ConsoleCommand.SubscribeCount(5),
                () -> { }).join();
        Reply stats = daemon.dispatcher.dispatch(new Caller(Path.of("a"), Optional.empty()), request, new StatsCommand.Subscribe(), () -> { })
                .join();

        assertThat(console).isInstanceOfSatisfying(Reply.Streaming.class,
                streaming -> assertThat(streaming.dataName()).contains(Name.parse("web")));
        assertThat(stats).isInstanceOfSatisfying(Reply.Streaming.class,
                streaming -> assertThat(streaming.dataName()).contains(Name.parse("web")));
        ((Reply.Streaming) console).stream().close();
        ((Reply.Streaming) stats).stream().close();
    }

    @Test
    void theRootScopeSeesFullNamesAndOtherStreamsKeepTheRequestsName() {
        answer("a:web", new UnikernelCommand.Create(testKernel("forever")));

        Reply console = daemon.dispatcher.dispatch(new Header(1, Name.parse("a:web")),
                new ConsoleCommand.SubscribeCount(5), () -> { }).join();
        Reply events = daemon.dispatcher.dispatch(new Caller(Path.of("a"), Optional.empty()), new Header(1, Name.parse("a:")),
                new EventLogCommand.SubscribeCount(5), () -> { }).join();

        assertThat(console).isInstanceOfSatisfying(Reply.Streaming.class,
                streaming -> assertThat(streaming.dataName()).contains(Name.parse("a:web")));
        assertThat(events).isInstanceOfSatisfying(Reply.Streaming.class,
                streaming -> assertThat(streaming.dataName()).isEmpty());
        ((Reply.Streaming) console).stream().close();
        ((Reply.Streaming) events).stream().close();
    }

    @Test
    void aStreamedImageIsStoredAsItArrivesAndTheUnikernelCreatedAtItsEnd() {
        UnikernelConfig kernel = testKernel("forever");
        byte[] image = kernel.image().toByteArray();
        InboundStream stream = receiving("web", kernel.withImage(Octets.EMPTY));

        for (int at = 0; at < image.length; at += 1000) {
            stream.accept(Arrays.copyOfRange(image, at, Math.min(image.length, at + 1000)));
        }

        assertThat(stream.end().join()).isEqualTo(new Success.Message("created unikernel"));
        assertThat(daemon.images.directory().toFile().list()).hasSize(1);
    }

    @Test
    void aStreamedZlibBombIsRefusedInOneLineRecordedAndLeavesNothing() throws Exception {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(bomb)) {
            zlib.write(new byte[100 * 1024 * 1024]);
        }
        UnikernelConfig kernel = testKernel("forever");
        InboundStream stream = receiving("bomb", new UnikernelConfig(kernel.typ(), true, Octets.EMPTY,
                kernel.runArguments()));
        byte[] compressed = bomb.toByteArray();
        for (int at = 0; at < compressed.length; at += 16 * 1024) {
            stream.accept(Arrays.copyOfRange(compressed, at, Math.min(compressed.length, at + 16 * 1024)));
        }

        assertThat(stream.end().join()).isInstanceOfSatisfying(Failure.class, failure -> assertThat(failure.message())
                .startsWith("the image is larger than").doesNotContain("\n"));
        assertThat(daemon.images.directory().toFile().list()).isEmpty();
        assertThat(daemon.saved).isEmpty();
        await().atMost(java.time.Duration.ofMinutes(1)).until(() -> daemon.events.stream()
                .anyMatch(event -> event instanceof Event.CommandRefused refusal
                        && refusal.why().startsWith("the image is larger than")));
    }

    private InboundStream receiving(String name, UnikernelConfig config) {
        Reply reply = daemon.dispatcher.dispatch(new Header(1, Name.parse(name)), new UnikernelCommand.Create(config),
                () -> { }).join();
        assertThat(reply).isInstanceOf(Reply.Receiving.class);
        return ((Reply.Receiving) reply).stream();
    }

    private Payload answer(String name, Command command) {
        return daemon.dispatcher.dispatch(new Header(1, Name.parse(name)), command, () -> { }).join().answer();
    }
}
