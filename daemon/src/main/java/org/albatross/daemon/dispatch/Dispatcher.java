package org.albatross.daemon.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.reply.InboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.stats.StatsService;
import org.albatross.daemon.supervisor.ImageIntake;
import org.albatross.daemon.supervisor.ReceivedImage;
import org.albatross.daemon.supervisor.Supervisor;
import org.albatross.policy.cert.Delegation;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a command meets the service that carries it out. It checks what a command may name (a
 * unikernel or block command needs a label, a policy command names a path) and routes it; the services answer.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Supervisor supervisor;
    private final ImageIntake images;
    private final ConsoleService consoles;
    private final EventLogService events;
    private final StatsService stats;
    private final DaemonMeters meters;

    /** @param images receives the images that clients stream after their create */
    public Dispatcher(Supervisor supervisor, ImageIntake images, ConsoleService consoles, EventLogService events,
            StatsService stats, DaemonMeters meters) {
        this.supervisor = supervisor;
        this.images = images;
        this.consoles = consoles;
        this.events = events;
        this.stats = stats;
        this.meters = meters;
    }

    /** Where endpoints count their connections and handshakes. */
    public DaemonMeters meters() {
        return meters;
    }

    /**
     * The reply to {@code command}, sent with {@code header}'s name in mind.
     *
     * @param wakeUp run when a stream the reply opens has more data to poll; must not block
     */
    public CompletableFuture<Reply> dispatch(Header header, Command command, Runnable wakeUp) {
        return dispatch(Caller.LOCAL, header, command, wakeUp);
    }

    /**
     * The reply to {@code command} from {@code caller}: a refusal is recorded as that caller's, with its session. The
     * remote endpoint only passes names its chain gives, which lie under the caller's scope by construction.
     */
    public CompletableFuture<Reply> dispatch(Caller caller, Header header, Command command, Runnable wakeUp) {
        long started = System.nanoTime();
        return route(header.name(), command, wakeUp).thenApply(reply -> {
            boolean refused = reply.answer() instanceof Failure;
            meters.commandAnswered(command, !refused, Duration.ofNanos(System.nanoTime() - started));
            if (reply.answer() instanceof Failure failure) {
                refused(caller, header, command, failure);
            }
            if (reply instanceof Reply.Receiving receiving) {
                // What the client streams can be refused too (too large, not zlib): recorded like a refusal at once.
                return new Reply.Receiving(receiving.answer(), new RecordedEnd(receiving.stream(),
                        failure -> refused(caller, header, command, failure)));
            }
            return namedForScope(caller.scope(), header, command, reply);
        });
    }

    private void refused(Caller caller, Header header, Command command, Failure failure) {
        meters.refused(command);
        supervisor.recordRefusal(caller.refused(command.getClass().getSimpleName() + " for " + header.name(),
                failure.message()));
    }

    /** A client's stream whose refusal at its end is recorded. */
    private record RecordedEnd(InboundStream stream, java.util.function.Consumer<Failure> refused)
            implements InboundStream {
        @Override
        public boolean accept(byte[] chunk) {
            return stream.accept(chunk);
        }

        @Override
        public CompletableFuture<org.albatross.protocol.Payload> end() {
            return stream.end().thenApply(payload -> {
                if (payload instanceof Failure failure) {
                    refused.accept(failure);
                }
                return payload;
            });
        }

        @Override
        public void abort() {
            stream.abort();
        }
    }

    /**
     * As albatross: console lines and statistics name their unikernel relative to the tenant that asked (a tenant
     * {@code a} following {@code a:web} sees {@code :web}); the local socket's root scope sees full names. The first
     * reply still echoes the request's header.
     */
    private static Reply namedForScope(Path scope, Header header, Command command, Reply reply) {
        if (reply instanceof Reply.Streaming streaming
                && (command instanceof ConsoleCommand || command instanceof StatsCommand)) {
            return streaming.namingDataAs(header.name().relativeTo(scope));
        }
        return reply;
    }

    /**
     * Inserts a chain's policies into the resource tree, outermost first, as albatross does before running a remote
     * command: a policy already in place is left as it is; the first one that does not fit ends the insertion.
     *
     * @return the refusal, if a policy did not fit
     */
    public CompletableFuture<Optional<Failure>> install(List<Delegation> policies) {
        if (policies.stream().allMatch(delegation -> supervisor.holdsPolicy(delegation.path(), delegation.policy()))) {
            // As for every command of a tenant after its first: nothing to insert, and no hop through the state thread
            // to find that out. (A policy changed meanwhile is as if changed just after the insertion.)
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<Failure>> result = CompletableFuture.completedFuture(Optional.empty());
        for (Delegation delegation : policies) {
            result = result.thenCompose(refused -> refused.isPresent() ? CompletableFuture.completedFuture(refused)
                    : supervisor.addPolicy(delegation.path(), delegation.policy()).thenApply(reply ->
                            reply.answer() instanceof Failure failure ? Optional.of(failure) : Optional.empty()));
        }
        return result;
    }

    /**
     * Whether the client streams data right after {@code command}, as raw frames ended by an empty one: a block set,
     * and a create (or update) whose image is empty (albatross's remote create of an image too large for a certificate).
     */
    public static boolean isFollowedByStream(Command command) {
        return command instanceof BlockCommand.Set || imageOf(command).filter(Octets::isEmpty).isPresent();
    }

    private static Optional<Octets> imageOf(Command command) {
        if (command instanceof UnikernelCommand.Create create) {
            return Optional.of(create.config().image());
        }
        if (command instanceof UnikernelCommand.ForceCreate create) {
            return Optional.of(create.config().image());
        }
        if (command instanceof UnikernelCommand.Update update) {
            return Optional.of(update.config().image());
        }
        return Optional.empty();
    }

    private CompletableFuture<Reply> route(Name name, Command command, Runnable wakeUp) {
        try {
            if (command instanceof UnikernelCommand unikernel) {
                return unikernel(name, unikernel, wakeUp);
            }
            if (command instanceof PolicyCommand policy) {
                return policy(name, policy);
            }
            if (command instanceof BlockCommand block) {
                return block(name, block, wakeUp);
            }
            if (command instanceof ConsoleCommand console) {
                return CompletableFuture.completedFuture(consoles.handle(name, console, wakeUp));
            }
            if (command instanceof StatsCommand statistics) {
                requireLabel(name, "statistics");
                return stats.handle(name, statistics, wakeUp);
            }
            if (command instanceof EventLogCommand log) {
                return CompletableFuture.completedFuture(events.handle(name, log, wakeUp));
            }
            throw new CommandFailed("unknown command");
        } catch (CommandFailed e) {
            return CompletableFuture.completedFuture(Reply.failure(e.getMessage()));
        }
    }

    private CompletableFuture<Reply> unikernel(Name name, UnikernelCommand command, Runnable wakeUp)
            throws CommandFailed {
        if (command instanceof UnikernelCommand.Info) {
            return supervisor.info(name);
        }
        requireLabel(name, "a unikernel");
        if (command instanceof UnikernelCommand.Create create) {
            return created(create.config(), wakeUp, config -> supervisor.create(name, config),
                    (config, image) -> supervisor.create(name, config, image));
        }
        if (command instanceof UnikernelCommand.ForceCreate create) {
            return created(create.config(), wakeUp, config -> supervisor.forceCreate(name, config),
                    (config, image) -> supervisor.forceCreate(name, config, image));
        }
        if (command instanceof UnikernelCommand.Update update) {
            return created(update.config(), wakeUp, config -> supervisor.update(name, config, update.watch()),
                    (config, image) -> supervisor.update(name, config, update.watch(), image));
        }
        if (command instanceof UnikernelCommand.Rollback) {
            return supervisor.rollback(name);
        }
        if (command instanceof UnikernelCommand.Destroy) {
            return supervisor.destroy(name);
        }
        if (command instanceof UnikernelCommand.Restart restart) {
            return supervisor.restart(name, restart.arguments());
        }
        if (command instanceof UnikernelCommand.Get get) {
            return supervisor.image(name, get.compressionLevel());
        }
        throw new CommandFailed("unknown unikernel command");
    }

    /** A create whose image comes inline, or streamed after it (an empty image in the command). */
    private CompletableFuture<Reply> created(UnikernelConfig config, Runnable wakeUp,
            Function<UnikernelConfig, CompletableFuture<Reply>> inline,
            BiFunction<UnikernelConfig, ReceivedImage, CompletableFuture<Reply>> streamed) {
        if (!config.image().isEmpty()) {
            return inline.apply(config);
        }
        return CompletableFuture.completedFuture(new Reply.Receiving(new Success.Message("image received"),
                new StreamedImage(config, images, streamed, wakeUp)));
    }

    /** As albatross: a policy command acts on the name's path, and a label, if any, is ignored. */
    private CompletableFuture<Reply> policy(Name name, PolicyCommand command) throws CommandFailed {
        if (name.label().isPresent()) {
            LOG.warn("policy command with a label in {}: acting on its path \"{}\"", name, name.path());
        }
        if (command instanceof PolicyCommand.Info) {
            return supervisor.policies(name.path());
        }
        if (command instanceof PolicyCommand.Add add) {
            return supervisor.addPolicy(name.path(), add.policy());
        }
        if (command instanceof PolicyCommand.Remove) {
            return supervisor.removePolicy(name.path());
        }
        throw new CommandFailed("unknown policy command");
    }

    private CompletableFuture<Reply> block(Name name, BlockCommand command, Runnable wakeUp) throws CommandFailed {
        if (command instanceof BlockCommand.Info) {
            return supervisor.blockInfo(name);
        }
        requireLabel(name, "a block device");
        if (command instanceof BlockCommand.Add add) {
            return supervisor.addBlock(name, add.sizeMb());
        }
        if (command instanceof BlockCommand.Remove) {
            return supervisor.removeBlock(name);
        }
        if (command instanceof BlockCommand.Dump dump) {
            return supervisor.blockDump(name, dump.compressionLevel(),
                    file -> new BlockDumpStream(file, dump.compressionLevel(), wakeUp));
        }
        if (command instanceof BlockCommand.Set set) {
            return supervisor.blockSet(name, (file, capacity) -> new BlockSetStream(file, capacity, set.compressed(),
                    wakeUp));
        }
        throw new CommandFailed("unknown block command");
    }

    private static void requireLabel(Name name, String what) throws CommandFailed {
        if (name.label().isEmpty()) {
            throw new CommandFailed("the name \"" + name + "\" is a path; " + what
                    + " needs a name with a label, e.g. \"" + name.path() + (name.path().isRoot() ? "" : ":")
                    + "hello\"");
        }
    }
}
