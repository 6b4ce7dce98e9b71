package org.albatross.daemon.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.albatross.config.DaemonConfig;
import org.albatross.console.ConsoleAllowance;
import org.albatross.console.ConsoleWriter;
import org.albatross.console.Consoles;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.reply.InboundStream;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.KeptUpdate;
import org.albatross.daemon.state.StatePersistence;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.update.Prober;
import org.albatross.policy.BlockDevice;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.ResourceTree;
import org.albatross.protocol.Event;
import org.albatross.protocol.Failure;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.UnikernelImage;
import org.albatross.vmm.solo5.ZlibImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of the resource tree and the unikernel table. Every operation runs on one "state" thread, so
 * nothing here is locked: callers get a future of the {@link Reply}. Reply texts are albatross's (src/vmm_vmmd.ml).
 *
 * <p>A unikernel leaves the table when its monitor has ended: a destroy answers once that has happened, so that the
 * client knows its resources are free. One that waits for its restart, or whose boot loop was stopped because its
 * restart budget is spent, stays listed by {@code info} without a start time until it is destroyed or created again.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /**
     * Replies list by name. Written out: Comparator's combinators make serializable lambdas, which no class-data archive
     * holds, so the first reply would spin one.
     */
    private static final Comparator<Map.Entry<?, ?>> BY_NAME =
            (a, b) -> a.getKey().toString().compareTo(b.getKey().toString());
    /** Marks the adapter of a unikernel start in the event log as an adoption of a running tender. */
    public static final String ADOPTED = " (adopted)";

    private final ExecutorService state = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "albatross-state");
        thread.setDaemon(true);
        return thread;
    });
    /** Makes a create's state durable while the state thread starts its tender. */
    private final ExecutorService disk = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "albatross-disk");
        thread.setDaemon(true);
        return thread;
    });
    private final Launcher launcher;
    private final Consoles consoles;
    private final BlockDirectory blocks;
    private final ImageStore images;
    private final ImageIntake intake;
    private final Clock clock;
    private final DaemonConfig.Restart restartLimits;
    private final Backoff backoff;
    private final Map<Name, Unikernel> unikernels = new HashMap<>();
    private final Set<Unikernel> stopRequested = new HashSet<>();
    /** Unikernels that ended and wait for their backoff to pass before they start again. Concurrent for its size. */
    private final Map<Name, PendingRestart> restarting = new ConcurrentHashMap<>();
    private final Map<Name, Failures> failures = new HashMap<>();
    /** The commit of the last create's state on the disk thread; the state thread's. */
    private CompletableFuture<?> committing = CompletableFuture.completedFuture(null);
    /** Unikernels stopped to be started again (restart, force-create): what they will run. */
    private final Map<Name, UnikernelSpec> replacing = new HashMap<>();
    /** Unikernels whose restart budget is spent: kept, not running, so that {@code info} shows them. Concurrent for
     * its size. */
    private final Map<Name, UnikernelSpec> givenUp = new ConcurrentHashMap<>();
    private final StatePersistence persistence;
    private final HeldEvents events;
    /** Written on the state thread only; volatile so that a create can be checked before its image is received. */
    private volatile ResourceTree tree;
    private boolean shuttingDown;
    /** While the saved state is restored: it is saved once, when every unikernel in it has been handled. */
    private boolean restoring;
    /** Why the last save failed, empty after one that succeeded. */
    private Optional<String> lastSaveFailure = Optional.empty();
    /** What updated unikernels ran before, and the watches of their new images. */
    private final Updates updates;

    /**
     * @param images where the unikernels' images are; the supervisor removes those no unikernel refers to any more
     * @param intake receives the images of creates into {@code images}
     * @param tree the policies (the root policy at least) and block devices to start with
     * @param restartLimits backoff and budget for restarts on failure
     * @param persistence saves the state after every change, before the change is acknowledged
     * @param events records starts, stops, restarts, policy and block changes and refusals
     */
    public Supervisor(Launcher launcher, Consoles consoles, BlockDirectory blocks, ImageStore images,
            ImageIntake intake, Clock clock, ResourceTree tree, DaemonConfig.Restart restartLimits,
            StatePersistence persistence, EventSink events) {
        this.persistence = persistence;
        this.events = new HeldEvents(events);
        this.launcher = launcher;
        this.consoles = consoles;
        this.blocks = blocks;
        this.images = images;
        this.intake = intake;
        this.clock = clock;
        this.tree = tree;
        this.restartLimits = restartLimits;
        this.backoff = new Backoff(restartLimits.initialBackoff(), restartLimits.maxBackoff());
        this.updates = new Updates(new Prober(), clock, this.events, new UpdateSteps());
    }

    /** Creates a unikernel whose image {@code config} carries: the image is received first, off the state thread. */
    public CompletableFuture<Reply> create(Name name, UnikernelConfig config) {
        return withImage(name, config, false, image -> create(name, config, image));
    }

    /** Creates a unikernel whose image arrived already (streamed after the command): {@code config} carries none. */
    public CompletableFuture<Reply> create(Name name, UnikernelConfig config, ReceivedImage image) {
        return onState(() -> {
            if (restarting.containsKey(name)) {
                throw new CommandFailed(name + " is waiting to be restarted: destroy it first, or use force-create");
            }
            forget(name);
            return start(name, spec(config, image), image.decided(), consoles::created);
        });
    }

    /** Creates, destroying a running unikernel of the same name first; its resources count as freed for the check. */
    public CompletableFuture<Reply> forceCreate(Name name, UnikernelConfig config) {
        return withImage(name, config, true, image -> forceCreate(name, config, image));
    }

    /** As {@link #forceCreate(Name, UnikernelConfig)}, with an image that arrived already. */
    public CompletableFuture<Reply> forceCreate(Name name, UnikernelConfig config, ReceivedImage image) {
        return onState(() -> {
            cancelRestart(name);
            forget(name);
            Unikernel old = unikernels.get(name);
            UnikernelSpec spec = spec(config, image);
            if (old == null) {
                return start(name, spec, image.decided(), consoles::created);
            }
            return replace(old, spec, image.decided(), consoles::created);
        });
    }

    /**
     * Checks the create against the policies as they are now, so that nothing is received for a create that cannot
     * be made (the state thread checks again before it makes it), then receives the image and runs {@code create}
     * with it; the image's pin is released once the create has referred to it in the state, or failed. A new
     * unikernel's run directory is made meanwhile ({@link Launcher#prepareAhead}): the state thread would wait for the
     * image's hash otherwise, which is the longest step on a Solo5 create's way to its tender.
     */
    private CompletableFuture<Reply> withImage(Name name, UnikernelConfig config, boolean replacing,
            Function<ReceivedImage, CompletableFuture<Reply>> create) {
        try {
            ResourceTree now = tree;
            refusedUnless(() -> {
                ResourceTree without = replacing && now.unikernels().contains(name) ? now.removeUnikernel(name) : now;
                without.checkCreate(name, config.runArguments());
                return without;
            });
        } catch (CommandFailed e) {
            return CompletableFuture.completedFuture(Reply.failure(e.getMessage()));
        }
        if (replacing) {
            return received(config, create);
        }
        state.execute(() -> {
            if (!unikernels.containsKey(name) && !restarting.containsKey(name)) {
                launcher.prepareAhead(name);
            }
        });
        CompletableFuture<Reply> created = received(config, create);
        // A failed create removes what was made ahead for it before it is answered; a successful one used it.
        return created.handle((reply, error) -> error == null && reply.answer() instanceof Success ? created
                : CompletableFuture.runAsync(() -> launcher.dropAhead(name), state).thenCompose(dropped -> created))
                .thenCompose(Function.identity());
    }

    /** Receives the image {@code config} carries and runs {@code create} with it; see {@link #withImage}. */
    private CompletableFuture<Reply> received(UnikernelConfig config,
            Function<ReceivedImage, CompletableFuture<Reply>> create) {
        return intake.receive(config).thenCompose(image -> create.apply(image)
                .whenComplete((reply, error) -> {
                    intake.release(image);
                    if (error != null || !(reply.answer() instanceof Success)) {
                        state.execute(this::removeUnusedImages);
                    }
                }))
                .exceptionally(Supervisor::failureOf);
    }

    /** The reply to a create whose image was refused, or an error that is not the client's. */
    private static Reply failureOf(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        if (cause instanceof CommandFailed failed) {
            return Reply.failure(failed.getMessage());
        }
        throw error instanceof RuntimeException runtime ? runtime
                : new java.util.concurrent.CompletionException(cause);
    }

    private static UnikernelSpec spec(UnikernelConfig config, ReceivedImage image) {
        return new UnikernelSpec(config.typ(), image.stored().digest(), config.runArguments());
    }

    /** Stops the unikernel and starts it again with its own arguments or new ones. */
    public CompletableFuture<Reply> restart(Name name, Optional<UnikernelArguments> arguments) {
        return onState(() -> {
            Unikernel old = unikernels.get(name);
            if (old == null) {
                throw new CommandFailed("restart: no unikernel " + name + " is running");
            }
            // an adopted unikernel's image is decided now, from the store: its adoption did not need it
            UnikernelImage image = old.decided().isPresent() ? old.decided().get() : intake.stored(old.spec());
            return replace(old, arguments.map(old.spec()::withArguments).orElse(old.spec()), image,
                    consoles::started);
        });
    }

    /**
     * Our update: runs {@code config} in place of what {@code name} runs, keeping that (spec and image) for a rollback;
     * with {@code health}, watches the new image and rolls back by itself if it fails (docs/daemon.md "Updates"). A
     * probe's host is checked before the image is received.
     */
    public CompletableFuture<Reply> update(Name name, UnikernelConfig config, Optional<HealthWatch> health) {
        return admitted(name, health, () -> withImage(name, config, true,
                image -> updateWith(name, config, health, image)));
    }

    /** As {@link #update(Name, UnikernelConfig, Optional)}, with an image that arrived already. */
    public CompletableFuture<Reply> update(Name name, UnikernelConfig config, Optional<HealthWatch> health,
            ReceivedImage image) {
        return admitted(name, health, () -> updateWith(name, config, health, image));
    }

    private CompletableFuture<Reply> admitted(Name name, Optional<HealthWatch> health,
            java.util.function.Supplier<CompletableFuture<Reply>> then) {
        return updates.refusal(name, health).thenCompose(refusal -> refusal
                .map(why -> CompletableFuture.completedFuture(Reply.failure("update: " + why))).orElseGet(then));
    }

    private CompletableFuture<Reply> updateWith(Name name, UnikernelConfig config, Optional<HealthWatch> health,
            ReceivedImage image) {
        return onState(() -> updates.update(name, spec(config, image), image.decided(), health));
    }

    /** Runs again what {@code name} ran before its last update or rollback, keeping what it runs now. */
    public CompletableFuture<Reply> rollback(Name name) {
        return onState(() -> updates.rollBack(name, Optional.empty(), "asked for"));
    }

    /** What an update needs of this supervisor: {@link Updates.Lifecycle}, on the state thread. */
    private final class UpdateSteps implements Updates.Lifecycle {
        @Override
        public Optional<UnikernelSpec> specOf(Name name) {
            return Optional.ofNullable(unikernels.get(name)).map(Unikernel::spec)
                    .or(() -> Optional.ofNullable(restarting.get(name)).map(PendingRestart::spec))
                    .or(() -> Optional.ofNullable(givenUp.get(name)));
        }

        @Override
        public CompletableFuture<Reply> change(Name name, UnikernelSpec from, UnikernelSpec to, UnikernelImage image,
                KeptUpdate kept, Event started) throws CommandFailed {
            return Supervisor.this.change(name, from, to, image, kept, started);
        }

        @Override
        public UnikernelImage stored(UnikernelSpec spec) throws CommandFailed {
            return intake.stored(spec);
        }

        @Override
        public void persist() {
            Supervisor.this.persist();
        }

        /** A watch's verdict that comes while the daemon stops is left to the next daemon, which resumes the watch. */
        @Override
        public void onState(Runnable step) {
            state.execute(() -> {
                if (!shuttingDown) {
                    step.run();
                }
            });
        }
    }

    /**
     * An update or a rollback: {@code name} runs {@code to} in place of {@code from}. The change and its record are
     * saved before anything stops, so that a daemon killed at any point finds the old or the new one to run
     * ({@link Updates#restored}); a new image that does not start is replaced by {@code from} at once.
     */
    private CompletableFuture<Reply> change(Name name, UnikernelSpec from, UnikernelSpec to, UnikernelImage image,
            KeptUpdate kept, Event started) throws CommandFailed {
        Unikernel running = unikernels.get(name);
        refusedUnless(() -> {
            ResourceTree without = running != null ? tree.removeUnikernel(name) : tree;
            without.checkCreate(name, to.arguments());
            return without;
        });
        PendingRestart pending = restarting.remove(name);
        UnikernelSpec stoppedSpec = givenUp.remove(name);
        Optional<KeptUpdate> before = updates.put(name, kept);
        try {
            saveOrRefuse(snapshot(tree).withUnikernel(name, to));
        } catch (CommandFailed e) {
            updates.undo(name, before);
            Optional.ofNullable(pending).ifPresent(restart -> restarting.put(name, restart));
            Optional.ofNullable(stoppedSpec).ifPresent(spec -> givenUp.put(name, spec));
            throw e;
        }
        failures.remove(name);
        events.record(started);
        CompletableFuture<Reply> replaced;
        try {
            replaced = running != null ? replace(running, to, image, consoles::started)
                    : startOrFailure(name, to, image, consoles::started);
        } catch (RuntimeException e) {
            replaced = CompletableFuture.failedFuture(e);
        }
        return replaced.handle((reply, error) -> {
            if (error != null) {
                LOG.error("the launch of {}'s new image broke", name, error);
                return startedAgain(name, from, to, "its launch broke: " + rootCause(error).getMessage());
            }
            if (reply.answer() instanceof Failure failure) {
                return startedAgain(name, from, to, failure.message());
            }
            updates.watch(name, to, kept);
            return CompletableFuture.completedFuture(reply);
        }).thenCompose(Function.identity());
    }

    /**
     * {@code from} started again because {@code to} did not start: never neither. Runs on the state thread, and
     * answers once that start is done (a start is acknowledged once its state is on disk).
     */
    private CompletableFuture<Reply> startedAgain(Name name, UnikernelSpec from, UnikernelSpec to, String why) {
        updates.forget(name);
        events.record(new Event.RolledBack(name, to.imageDigest(), from.imageDigest(), "it did not start: " + why));
        CompletableFuture<Reply> again;
        try {
            again = startOrFailure(name, from, intake.stored(from), consoles::started);
        } catch (CommandFailed e) {
            again = CompletableFuture.completedFuture(Reply.failure(e.getMessage()));
        }
        return again.thenApply(reply -> {
            removeUnusedImages();
            return Reply.failure(why + (reply.answer() instanceof Failure failure ? "; and what ran before did not "
                    + "start again either: " + failure.message() : "; " + name + " runs what it ran before"));
        });
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** {@link Updates#restored}, with what {@code name}'s run directory holds. */
    private UnikernelSpec restoredUpdate(Name name, UnikernelSpec spec, DaemonState saved) {
        return Optional.ofNullable(saved.updates().get(name)).map(update -> updates.restored(name, spec, update,
                launcher.previous(name, update.previous()) instanceof Readoption.Adopt)).orElse(spec);
    }

    public CompletableFuture<Reply> destroy(Name name) {
        return onState(() -> {
            failures.remove(name);
            updates.forget(name);
            PendingRestart pending = restarting.remove(name);
            if (pending != null) {
                saveOrUndo(() -> restarting.put(name, pending));
                removeUnusedImages();
                return CompletableFuture.completedFuture(Reply.done("destroyed: removed from restarting"));
            }
            UnikernelSpec stoppedSpec = givenUp.remove(name);
            if (stoppedSpec != null) {
                saveOrUndo(() -> givenUp.put(name, stoppedSpec));
                removeUnusedImages();
                return CompletableFuture.completedFuture(Reply.done("destroyed: removed stopped unikernel"));
            }
            Unikernel unikernel = unikernels.get(name);
            if (unikernel == null) {
                throw new CommandFailed("destroy: not found");
            }
            // Runs right after exited(), whose save it reports: the unikernel has ended either way.
            return stop(unikernel).thenApply(status -> lastSaveFailure.map(reason -> Reply.failure(
                    "destroyed " + name + ", but the state could not be saved (" + reason + "): the next start of "
                            + "the daemon starts it again unless a later change is saved"))
                    .orElse(Reply.done("destroyed unikernel")));
        });
    }

    /**
     * The unikernels at or under {@code name} (exactly it when it has a label), by name; those that are down but kept
     * (waiting to restart, or their boot loop stopped) have no start time.
     */
    public CompletableFuture<Reply> info(Name name) {
        return onState(() -> {
            Map<Name, UnikernelInfo> infos = new HashMap<>();
            givenUp.forEach((down, spec) -> infos.put(down, notRunning(spec)));
            restarting.forEach((down, pending) -> infos.put(down, notRunning(pending.spec())));
            unikernels.values().forEach(unikernel -> infos.put(unikernel.name(), unikernel.info()));
            return CompletableFuture.completedFuture(new Reply.Final(new Success.UnikernelInfos(
                    infos.entrySet().stream().filter(entry -> covers(name, entry.getKey()))
                            .sorted(BY_NAME)
                            .map(entry -> new Success.NamedUnikernelInfo(entry.getKey(), entry.getValue()))
                            .toList())));
        });
    }

    /** How many unikernels wait for their backoff to restart; safe to read from any thread (metrics). */
    public int waitingToRestart() {
        return restarting.size();
    }

    /** How many unikernels are kept stopped because their restart budget is spent; safe from any thread. */
    public int stopped() {
        return givenUp.size();
    }

    /** The unikernels running now, for the statistics collector. */
    public CompletableFuture<List<RunningUnikernel>> running() {
        return CompletableFuture.supplyAsync(() -> unikernels.values().stream().map(Supervisor::running).toList(),
                state);
    }

    private static RunningUnikernel running(Unikernel unikernel) {
        List<StatsCommand.Tap> taps = unikernel.launch().networks().stream()
                .map(network -> new StatsCommand.Tap(unikernel.spec().arguments().bridges().stream()
                        .filter(attachment -> attachment.netif().equals(network.netif()))
                        .map(NetworkAttachment::hostBridge).findFirst().orElse(network.netif()), network.hostDevice()))
                .toList();
        return new RunningUnikernel(unikernel.name(), unikernel.launch().process().pid(), unikernel.launch().adapter(),
                taps, unikernel.info().started(), ConsoleTally.of(unikernel.console()));
    }

    /**
     * The unikernel's image, zlib-compressed at {@code level} (0: as it runs, not compressed): read from the image
     * store off the state thread, the one image the daemon holds while it sends it.
     */
    public CompletableFuture<Reply> image(Name name, int level) {
        return onState(() -> {
            Unikernel unikernel = unikernels.get(name);
            if (unikernel == null) {
                throw new CommandFailed("get: no unikernel found");
            }
            java.nio.file.Path file = images.file(unikernel.spec().imageDigest());
            return CompletableFuture.supplyAsync(() -> imageReply(file, level), ForkJoinPool.commonPool());
        });
    }

    private static Reply imageReply(java.nio.file.Path file, int level) {
        byte[] image;
        // A FileInputStream reads into the array through a short-lived native buffer; a channel would leave a
        // temporary direct buffer of the image's size cached on this thread.
        try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            image = in.readAllBytes();
        } catch (IOException e) {
            return Reply.failure("get: the image cannot be read: " + e.getMessage());
        }
        return new Reply.Final(level == 0 ? new Success.UnikernelImage(false, Octets.of(image))
                : new Success.UnikernelImage(true, Octets.of(ZlibImage.deflate(image, level))));
    }

    /**
     * Whether {@code policy} is the one at {@code path} now: an insertion of it would change nothing. Read off the
     * state thread too (the tree is replaced whole, never changed in place).
     */
    public boolean holdsPolicy(Path path, Policy policy) {
        return tree.policy(path).filter(policy::equals).isPresent();
    }

    /** Sets the policy at {@code path}; the connection stays open, as albatross's does. */
    public CompletableFuture<Reply> addPolicy(Path path, Policy policy) {
        return onState(() -> {
            if (holdsPolicy(path, policy)) {
                return CompletableFuture.completedFuture(new Reply.KeepOpen(
                        new Success.Message("no modification of policy")));
            }
            commit(refusedUnless(() -> tree.insertPolicy(path, policy)));
            LOG.info("policy at \"{}\" set to {}", path, policy);
            events.record(new Event.PolicyChanged(path, Optional.of(policy)));
            return CompletableFuture.completedFuture(new Reply.KeepOpen(new Success.Message("added policy")));
        });
    }

    public CompletableFuture<Reply> removePolicy(Path path) {
        return onState(() -> {
            if (tree.policy(path).isEmpty()) {
                throw new CommandFailed("remove policy: there is no policy at \"" + path + "\"");
            }
            commit(refusedUnless(() -> tree.removePolicy(path)));
            LOG.info("policy at \"{}\" removed", path);
            events.record(new Event.PolicyChanged(path, Optional.empty()));
            return CompletableFuture.completedFuture(Reply.done("removed policy"));
        });
    }

    /** The policies at or under {@code path}. */
    public CompletableFuture<Reply> policies(Path path) {
        return onState(() -> CompletableFuture.completedFuture(new Reply.Final(new Success.Policies(
                tree.policies().entrySet().stream().filter(entry -> entry.getKey().startsWith(path))
                        .sorted(BY_NAME)
                        .map(entry -> new Success.NamedPolicy(Name.of(entry.getKey()), entry.getValue()))
                        .toList()))));
    }

    public CompletableFuture<Reply> addBlock(Name name, long sizeMb) {
        return onState(() -> {
            if (tree.blockDevices().containsKey(name)) {
                throw new CommandFailed("block device with same name already exists");
            }
            ResourceTree added = refusedUnless(() -> {
                tree.checkBlockAdd(name, sizeMb);
                return tree.addBlock(name, sizeMb);
            });
            try {
                blocks.create(name, sizeMb);
            } catch (IOException e) {
                throw new CommandFailed("cannot create block device " + name + ": " + e.getMessage());
            }
            // The file comes first: a crash before the save leaves a file the next start removes.
            try {
                commit(added);
            } catch (CommandFailed e) {
                deleteBlockFile(name);
                throw e;
            }
            LOG.info("block device {} of {} MB added", name, sizeMb);
            events.record(new Event.BlockChanged(name, Optional.of(sizeMb)));
            return CompletableFuture.completedFuture(Reply.done("added block device"));
        });
    }

    public CompletableFuture<Reply> removeBlock(Name name) {
        return onState(() -> {
            BlockDevice device = tree.blockDevices().get(name);
            if (device == null) {
                throw new CommandFailed("remove block: not found");
            }
            if (device.active()) {
                throw new CommandFailed("remove block: is in use");
            }
            // Saved before the file goes: a crash in between leaves a file the next start removes, never a saved
            // device without its data.
            commit(refusedUnless(() -> tree.removeBlock(name)));
            LOG.info("block device {} removed", name);
            events.record(new Event.BlockChanged(name, Optional.empty()));
            deleteBlockFile(name);
            return CompletableFuture.completedFuture(Reply.done("removed block"));
        });
    }

    /**
     * The reply to a block dump: refused unless the device exists and no unikernel uses it (albatross's texts), else
     * a stream of its file that {@code opener} makes.
     */
    public CompletableFuture<Reply> blockDump(Name name, int level, Function<java.nio.file.Path, OutboundStream> opener) {
        return onState(() -> {
            idleBlock(name, "dump block");
            return CompletableFuture.completedFuture(new Reply.Streaming(new Success.BlockDeviceImage(level != 0),
                    opener.apply(blocks.file(name))));
        });
    }

    /**
     * The reply to a block set: refused unless the device exists and no unikernel uses it, else the stream
     * {@code receiver} makes for its file and its size in bytes.
     */
    public CompletableFuture<Reply> blockSet(Name name,
            java.util.function.BiFunction<java.nio.file.Path, Long, InboundStream> receiver) {
        return onState(() -> {
            BlockDevice device = idleBlock(name, "set block");
            return CompletableFuture.completedFuture(new Reply.Receiving(new Success.Message("set block device"),
                    receiver.apply(blocks.file(name), device.sizeMb() * 1024 * 1024)));
        });
    }

    private BlockDevice idleBlock(Name name, String verb) throws CommandFailed {
        BlockDevice device = tree.blockDevices().get(name);
        if (device == null) {
            throw new CommandFailed(verb + ": not found");
        }
        if (device.active()) {
            throw new CommandFailed(verb + ": is in use");
        }
        return device;
    }

    /** The block devices at or under {@code name}, with their size and whether a unikernel uses them. */
    public CompletableFuture<Reply> blockInfo(Name name) {
        return onState(() -> CompletableFuture.completedFuture(new Reply.Final(new Success.BlockDevices(
                tree.blockDevices().entrySet().stream().filter(entry -> covers(name, entry.getKey()))
                        .sorted(BY_NAME)
                        .map(entry -> new Success.BlockDevice(entry.getKey(), entry.getValue().sizeMb(),
                                entry.getValue().active()))
                        .toList()))));
    }

    /**
     * Restores a saved state before the daemon serves: its policies outermost first, its block devices, then its
     * unikernels in startup order. A unikernel whose tender an earlier daemon left running is adopted, one whose
     * tender ended meanwhile is handled by its restart rules, the others start. What no longer fits or starts is
     * logged and left out.
     */
    public void restore(DaemonState saved) {
        onState(() -> {
            restoring = true;
            // its starts and adoptions are recorded together below: one sync of the event log, not one each
            events.hold();
            for (Map.Entry<Path, Policy> policy : saved.policiesOutermostFirst()) {
                try {
                    tree = tree.insertPolicy(policy.getKey(), policy.getValue());
                } catch (PolicyViolation e) {
                    LOG.error("the saved policy at \"{}\" is left out: {}", policy.getKey(), e.getMessage());
                }
            }
            removeLeftoverBlockFiles(saved.blockDevices().keySet());
            for (Map.Entry<Name, Long> block : saved.blockDevices().entrySet()) {
                try {
                    tree = tree.addBlock(block.getKey(), block.getValue());
                } catch (PolicyViolation e) {
                    LOG.error("the saved block device {} is left out: {}", block.getKey(), e.getMessage());
                }
            }
            givenUp.putAll(saved.stopped());
            Map<Name, UnikernelSpec> restoredSpecs = new HashMap<>(saved.stopped());
            Set<Name> notStarted = new HashSet<>();
            int adopted = 0;
            for (Map.Entry<Name, UnikernelSpec> unikernel : saved.startupOrder()) {
                try {
                    UnikernelSpec spec = restoredUpdate(unikernel.getKey(), unikernel.getValue(), saved);
                    restoredSpecs.put(unikernel.getKey(), spec);
                    if (readoptOrStart(unikernel.getKey(), spec) instanceof Readoption.Adopt) {
                        adopted++;
                    }
                } catch (CommandFailed e) {
                    LOG.error("the saved unikernel {} does not start: {}", unikernel.getKey(), e.getMessage());
                    notStarted.add(unikernel.getKey());
                }
            }
            adopted += restoreInterruptedStartsAgain(saved, notStarted, restoredSpecs);
            LOG.info("restored {} policies, {} block devices, {} of {} unikernels ({} adopted: their tenders run on) "
                    + "and {} stopped boot loops", saved.policies().size(), saved.blockDevices().size(),
                    unikernels.size() + restarting.size(), saved.unikernels().size(), adopted, givenUp.size());
            // A kept update's unikernel is known too: it runs again even when the state holds none of that name.
            Set<Name> known = new HashSet<>(saved.unikernels().keySet());
            known.addAll(saved.stopped().keySet());
            known.addAll(saved.updates().keySet());
            launcher.removeStrays(known).forEach(stray -> LOG.warn("ended and removed {}: a tender no saved "
                    + "unikernel owns (a create the previous daemon never acknowledged)", stray));
            // Once, now that every saved unikernel has been adopted or started: a save per unikernel would cost N
            // saves, and one made halfway would drop the unikernels not yet restored if the daemon died then.
            saved.stopped().keySet().forEach(name -> Optional.ofNullable(saved.updates().get(name))
                    .ifPresent(update -> updates.restored(name, saved.stopped().get(name), update, false)));
            updates.resume(restoredSpecs, unikernels::containsKey);
            restoring = false;
            events.release();
            persist();
            removeUnusedImages();
            return CompletableFuture.completedFuture(Reply.done("restored"));
        }).whenComplete((done, failed) -> events.release()).join(); // also what a restore that failed had done
    }

    /**
     * An update whose new image did not start is saved without its unikernel (as any create that fails), or with the
     * new spec while it replaced the old one, just before what ran before starts again ({@link #startedAgain}); a
     * daemon killed in between leaves a kept update whose unikernel the state does not hold, or holds with an image
     * that does not start now either ({@code notStarted}). What ran before starts now: never neither.
     *
     * @return how many of them were adopted (their tenders ran on)
     */
    private int restoreInterruptedStartsAgain(DaemonState saved, Set<Name> notStarted,
            Map<Name, UnikernelSpec> restoredSpecs) {
        int adopted = 0;
        for (Map.Entry<Name, KeptUpdate> kept : saved.updates().entrySet()) {
            Name name = kept.getKey();
            UnikernelSpec previous = kept.getValue().previous();
            boolean absent = !saved.unikernels().containsKey(name) && !saved.stopped().containsKey(name);
            if (!absent && !notStarted.contains(name)) {
                continue;
            }
            LOG.warn("{}'s new image did not start and the daemon stopped before what ran before started again;"
                    + " it starts now with image {}", name, previous.imageDigest().toHex());
            try {
                if (readoptOrStart(name, previous) instanceof Readoption.Adopt) {
                    adopted++;
                }
                restoredSpecs.put(name, previous);
            } catch (CommandFailed e) {
                LOG.error("{}'s previous image does not start either: {}", name, e.getMessage());
            }
        }
        return adopted;
    }

    private void removeLeftoverBlockFiles(Set<Name> saved) {
        try {
            blocks.removeAllBut(saved).forEach(leftover -> LOG.warn("removed {}: no saved block device has it, "
                    + "a block command the previous daemon did not finish left it", leftover));
        } catch (IOException e) {
            LOG.warn("could not remove the files of unfinished block commands in {}: {}", blocks.directory(),
                    e.getMessage());
        }
    }

    /** @return what was found of it */
    private Readoption readoptOrStart(Name name, UnikernelSpec spec) throws CommandFailed {
        Readoption previous = launcher.previous(name, spec);
        if (previous instanceof Readoption.Adopt adopt) {
            // Its image is not decided again (its file mapped, its ELF notes read): the tender runs it already.
            Unikernel unikernel = begin(name, spec, Optional.empty(), admit(name, spec),
                    console -> launcher.adopt(name, adopt, console), Optional.of(adopt), consoles::started);
            announce(unikernel, Optional.of(adopt));
            persist();
        } else if (previous instanceof Readoption.EndedWhileAway ended) {
            launcher.release(name, ended.record());
            ExitStatus status = ended.status();
            LOG.info("{} (process {}) ended while no daemon watched it: {}", name, ended.record().pid(), status);
            events.record(stopEvent(name, status, false));
            decideRestart(name, spec, Instant.EPOCH, status, false);
        } else {
            LOG.info("{} starts: {}", name, ((Readoption.StartAgain) previous).reason());
            launchNew(name, spec, intake.stored(spec), consoles::started);
        }
        return previous;
    }

    /** Records a refused command in the event log, off the caller's thread. */
    public void recordRefusal(Event.CommandRefused refusal) {
        state.execute(() -> events.record(refusal));
    }

    /**
     * Saves the state after a change that has happened already (an exit, a restart, a restore): a failure is logged
     * and kept in {@link #lastSaveFailure}, the last saved state stays.
     */
    private void persist() {
        if (shuttingDown || restoring) {
            return; // nothing is saved then (stage): a snapshot per adoption of a restore is N² work for nothing
        }
        try {
            save(snapshot(tree));
        } catch (IOException e) {
            LOG.error("the state could not be saved; the last saved state stays: {}", e.getMessage());
        }
    }

    /** Saves the state with {@code changed} as the resource tree, then makes it the tree; refuses if it cannot. */
    private void commit(ResourceTree changed) throws CommandFailed {
        saveOrRefuse(snapshot(changed));
        tree = changed;
    }

    /** Saves the state as it is now; if that fails, {@code undo} puts back what the command changed and it fails. */
    private void saveOrUndo(Runnable undo) throws CommandFailed {
        try {
            saveOrRefuse(snapshot(tree));
        } catch (CommandFailed e) {
            undo.run();
            throw e;
        }
    }

    /** Saves {@code next} before a command changes anything, so that a full or read-only disk refuses the command. */
    private void saveOrRefuse(DaemonState next) throws CommandFailed {
        try {
            save(next);
        } catch (IOException e) {
            throw new CommandFailed("the state could not be saved, so nothing was changed: " + e.getMessage());
        }
    }

    private void save(DaemonState next) throws IOException {
        commit(stage(next));
    }

    /**
     * Writes {@code next} to be committed, or nothing while the state is not saved (a restore, a shutdown). A create's
     * state still being committed on the disk thread is waited for first: a stage writes the same temporary file.
     */
    private StatePersistence.Staged stage(DaemonState next) throws IOException {
        if (shuttingDown || restoring) {
            return () -> { };
        }
        committing.join();
        try {
            return persistence.stage(next);
        } catch (IOException e) {
            lastSaveFailure = Optional.of(e.getMessage());
            throw e;
        }
    }

    private void commit(StatePersistence.Staged staged) throws IOException {
        try {
            staged.commit();
            lastSaveFailure = Optional.empty();
        } catch (IOException e) {
            lastSaveFailure = Optional.of(e.getMessage());
            throw e;
        }
    }

    /** {@link #stage}, refusing the command if the disk cannot take the state. */
    private StatePersistence.Staged stageOrRefuse(DaemonState next) throws CommandFailed {
        try {
            return stage(next);
        } catch (IOException e) {
            throw new CommandFailed("the state could not be saved, so nothing was changed: " + e.getMessage());
        }
    }

    /** The state to save with {@code tree} as the resource tree. */
    private DaemonState snapshot(ResourceTree tree) {
        Map<Name, UnikernelSpec> specs = new HashMap<>();
        unikernels.values().forEach(unikernel -> specs.put(unikernel.name(), unikernel.spec()));
        restarting.forEach((name, pending) -> specs.put(name, pending.spec()));
        // Between the old one's end and the new one's start (a force-create, an update, a rollback) the name runs
        // nothing, and a save then (the old one's exit) must still hold what it is about to run: never neither.
        replacing.forEach(specs::putIfAbsent);
        Map<Path, Policy> policies = new HashMap<>(tree.policies());
        policies.remove(Path.ROOT);
        Map<Name, Long> blockSizes = new HashMap<>();
        tree.blockDevices().forEach((name, device) -> blockSizes.put(name, device.sizeMb()));
        return new DaemonState(policies, blockSizes, specs, givenUp,
                updates.of(name -> specs.containsKey(name) || givenUp.containsKey(name)));
    }

    /**
     * Removes the images no unikernel refers to any more (a command holding one it is about to refer to keeps it).
     * Runs after the state without them was saved: a crash before leaves images the next start removes.
     */
    private void removeUnusedImages() {
        if (shuttingDown) {
            return;
        }
        Set<Octets> used = new HashSet<>(givenUp.values().stream().map(UnikernelSpec::imageDigest).toList());
        unikernels.values().forEach(unikernel -> used.add(unikernel.spec().imageDigest()));
        restarting.values().forEach(pending -> used.add(pending.spec().imageDigest()));
        replacing.values().forEach(spec -> used.add(spec.imageDigest()));
        used.addAll(updates.images(name -> unikernels.containsKey(name) || restarting.containsKey(name)
                || givenUp.containsKey(name) || replacing.containsKey(name)));
        try {
            images.removeAllBut(used).forEach(digest -> LOG.info("removed image {}: no unikernel runs it any more",
                    digest.toHex()));
        } catch (IOException e) {
            LOG.warn("could not remove unused images from {}: {}", images.directory(), e.getMessage());
        }
    }

    private void deleteBlockFile(Name name) {
        try {
            blocks.delete(name);
        } catch (IOException e) {
            LOG.warn("the file of block device {} stays: {}", name, e.getMessage());
        }
    }

    /**
     * Leaves every unikernel running as the daemon stops: the state is no longer saved and pending restarts are
     * dropped, so that the next daemon adopts the tenders (their run directories stay, and their spawner records
     * their exits) and starts the others.
     */
    public void leaveAll() {
        CompletableFuture.runAsync(() -> {
            shuttingDown = true;
            restarting.clear();
        }, state).join();
    }

    /** Stops every unikernel and completes once all have ended (or {@code patience} has passed). */
    public void stopAll(Duration patience) {
        CompletableFuture<Void> all = onState(() -> {
            // The state stays as it is, so that the next start runs these unikernels again (albatross).
            shuttingDown = true;
            restarting.clear();
            return CompletableFuture.allOf(
                List.copyOf(unikernels.values()).stream().map(this::stop).toArray(CompletableFuture[]::new))
                    .thenApply(done -> Reply.done("stopped"));
        }).thenApply(reply -> null);
        try {
            all.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("some unikernels did not stop within {}", patience);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("stopping the unikernels failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        updates.close();
        state.shutdownNow();
        disk.shutdownNow();
    }

    /**
     * Starts a unikernel a command asked for, and saves the state with it while it starts. The state is written before
     * the launch, so that a disk that cannot take it (full, read-only) refuses the command before anything runs; it is
     * made durable (with its image) on the disk thread while the tender starts and its start is recorded, and the
     * command is acknowledged once all of them are done. The state thread waits for the start's record only: it is
     * free for the tender's exit, which a Solo5 tender may reach before the state's fsync has returned (the next
     * change's state waits for it, {@link #stage}), and the acknowledgement does not wait for that exit. A daemon
     * killed before the acknowledgement leaves a tender no saved state owns, which the next start ends
     * ({@link Launcher#removeStrays}). A state that does not reach the disk stops the tender again, and the command is
     * refused once it has ended.
     */
    private CompletableFuture<Reply> start(Name name, UnikernelSpec spec, UnikernelImage image, ConsoleStart console)
            throws CommandFailed {
        ResourceTree admitted = admit(name, spec);
        StatePersistence.Staged staged = stageOrRefuse(snapshot(tree).withUnikernel(name, spec));
        CompletableFuture<Optional<IOException>> durable = CompletableFuture.supplyAsync(() -> {
            try {
                staged.commit();
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(e);
            }
        }, disk);
        Unikernel unikernel;
        try {
            unikernel = begin(name, spec, Optional.of(image), admitted,
                    lines -> launcher.launch(name, spec, image, lines), Optional.empty(), console);
        } catch (CommandFailed | RuntimeException | Error e) {
            // The state with it may have reached the disk meanwhile: it is saved again without it.
            durable.join();
            persist();
            throw e;
        }
        announce(unikernel, Optional.empty());
        committing = durable;
        // Answered from the disk thread once the state is durable: through the state thread, the reply would wait
        // behind the tender's exit, which a Solo5 tender may reach by then (its stop event, its state's save).
        return durable.thenCompose(notSaved -> {
            if (notSaved.isEmpty()) {
                state.execute(() -> lastSaveFailure = Optional.empty());
                return CompletableFuture.completedFuture(Reply.done("created unikernel"));
            }
            return onState(() -> {
                lastSaveFailure = Optional.of(notSaved.get().getMessage());
                return stop(unikernel).thenApply(status -> Reply.failure("the state could not be saved, so " + name
                        + " was stopped again: " + notSaved.get().getMessage()));
            });
        });
    }

    /** Launches a new monitor for {@code name} (not an adoption) of a unikernel saved already; saves the state. */
    private void launchNew(Name name, UnikernelSpec spec, UnikernelImage image, ConsoleStart console)
            throws CommandFailed {
        Unikernel unikernel = begin(name, spec, Optional.of(image), admit(name, spec),
                lines -> launcher.launch(name, spec, image, lines), Optional.empty(), console);
        announce(unikernel, Optional.empty());
        persist();
    }

    /** The resource tree with {@code name} running {@code spec}, if it may. */
    private ResourceTree admit(Name name, UnikernelSpec spec) throws CommandFailed {
        if (unikernels.containsKey(name)) {
            throw new CommandFailed("unikernel with same name is already running: destroy " + name
                    + " first, or use force-create");
        }
        // addUnikernel makes checkCreate's checks: once, not twice (each walks every running unikernel's usage)
        return refusedUnless(() -> tree.addUnikernel(name, spec.arguments()));
    }

    /**
     * Launches (or adopts) and registers a unikernel {@link #admit}ted as {@code admitted}. Whatever fails on the way
     * is undone: the console writer is closed (else the name's next create would find it taken).
     *
     * @param decided the image a launch runs; none for an adoption
     * @param adopted the tender an earlier daemon left running, if this is an adoption: {@code info} shows the
     *     tender's own start time, not the adoption's
     * @param consoleStart {@code consoles::created} for a new unikernel, whose console starts empty;
     *     {@code consoles::started} for one that starts again and continues its console
     */
    private Unikernel begin(Name name, UnikernelSpec spec, Optional<UnikernelImage> decided, ResourceTree admitted,
            LaunchStep step, Optional<Readoption.Adopt> adopted, ConsoleStart consoleStart) throws CommandFailed {
        ConsoleWriter console = consoleStart.start(name, consoleAllowances(name.path()));
        Launch launch = null;
        try {
            launch = step.launch(line -> {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                console.write(bytes, 0, bytes.length);
            });
        } finally {
            if (launch == null) {
                console.close();
            }
        }
        tree = admitted;
        Instant started = adopted.map(adopt -> adopt.record().started()).orElseGet(clock::instant);
        Unikernel unikernel = new Unikernel(name, spec, decided, info(spec, launch, started), launch, console,
                new CompletableFuture<>());
        unikernels.put(name, unikernel);
        launch.process().exit().whenCompleteAsync((status, error) -> exited(unikernel, status, error), state);
        return unikernel;
    }

    /**
     * Logs and records the start of a unikernel {@link #begin} registered; an adoption is noted in the event log
     * ({@link #ADOPTED}).
     */
    private void announce(Unikernel unikernel, Optional<Readoption.Adopt> adopted) {
        Launch launch = unikernel.launch();
        // An adoption at debug: the restore's line counts them, and each one's start event names its process and
        // adapter. A line each cost a restore of 100 some 10-15 ms of its thread while logging is interpreted.
        if (adopted.isPresent()) {
            LOG.debug("{} adopted: process {} of {} runs on", unikernel.name(), launch.process().pid(),
                    launch.adapter());
        } else {
            LOG.info("created {} with {} as process {}: {}", unikernel.name(), launch.adapter(),
                    launch.process().pid(), String.join(" ", launch.command()));
        }
        events.record(new Event.UnikernelStart(unikernel.name(), launch.process().pid(), unikernel.info().digest(),
                launch.networks().stream().map(UnikernelInfo.Network::hostDevice).toList(),
                launch.blocks().stream().map(UnikernelInfo.Block::hostDevice).toList(),
                launch.adapter() + (adopted.isPresent() ? ADOPTED : "")));
    }

    private CompletableFuture<Reply> replace(Unikernel old, UnikernelSpec spec, UnikernelImage image,
            ConsoleStart console) throws CommandFailed {
        refusedUnless(() -> {
            ResourceTree without = tree.removeUnikernel(old.name());
            without.checkCreate(old.name(), spec.arguments());
            return without;
        });
        // Between the old one's end and the new one's start its image is nobody's: keep it from being removed.
        replacing.put(old.name(), spec);
        return stop(old).thenCompose(status -> {
            try {
                return startOrFailure(old.name(), spec, image, console);
            } finally {
                replacing.remove(old.name());
            }
        });
    }

    private CompletableFuture<Reply> startOrFailure(Name name, UnikernelSpec spec, UnikernelImage image,
            ConsoleStart console) {
        try {
            return start(name, spec, image, console);
        } catch (CommandFailed e) {
            return CompletableFuture.completedFuture(Reply.failure(e.getMessage()));
        }
    }

    private CompletableFuture<ExitStatus> stop(Unikernel unikernel) {
        stopRequested.add(unikernel);
        unikernel.launch().process().stop();
        return unikernel.gone();
    }

    private void exited(Unikernel unikernel, ExitStatus status, Throwable error) {
        unikernels.remove(unikernel.name(), unikernel);
        try {
            tree = tree.removeUnikernel(unikernel.name());
        } catch (PolicyViolation e) {
            LOG.error("the resource tree did not know {}, which just ended: {}", unikernel.name(), e.getMessage());
        }
        boolean requested = stopRequested.remove(unikernel);
        // The stop event first, which a subscriber waits for and which waits for nothing else; then the console's
        // close (its writer has every line already) and the log line.
        if (error == null) {
            events.record(stopEvent(unikernel.name(), status, requested));
        } else if (requested) {
            // Its end was asked for (a destroy), and the reply says it ended: so does the log, status or not.
            events.record(new Event.UnikernelStop(unikernel.name(), new Event.ExitStatus.Stopped()));
        }
        unikernel.console().close();
        if (error != null) {
            LOG.error("lost track of {} (process {})", unikernel.name(), unikernel.launch().process().pid(), error);
        } else {
            LOG.info("{} (process {}) ended: {}{}", unikernel.name(), unikernel.launch().process().pid(), status,
                    requested ? " (stopped on request)" : "");
        }
        // Before anything below may start the name again.
        unikernel.launch().release().run();
        if (error == null) {
            if (requested || !updates.stopped(unikernel.name(), unikernel.spec(), status instanceof ExitStatus.Exited exit
                    ? "it exited " + exit.code() : "it was stopped")) {
                decideRestart(unikernel.name(), unikernel.spec(), unikernel.info().started(), status, requested);
            }
        } else if (!requested) {
            updates.stopped(unikernel.name(), unikernel.spec(), "the daemon lost track of it");
        }
        persist();
        removeUnusedImages();
        unikernel.gone().complete(status);
    }

    private static Event stopEvent(Name name, ExitStatus status, boolean requested) {
        return new Event.UnikernelStop(name, requested || status instanceof ExitStatus.Stopped
                ? new Event.ExitStatus.Stopped() : new Event.ExitStatus.Exited(((ExitStatus.Exited) status).code()));
    }

    /** @param started when the unikernel that ended started ({@link Instant#EPOCH}: long ago, unknown) */
    private void decideRestart(Name name, UnikernelSpec spec, Instant started, ExitStatus status,
            boolean requested) {
        UnikernelArguments arguments = spec.arguments();
        RestartDecision decision = RestartRule.decide(arguments.failBehaviour(), status, requested,
                arguments.addName());
        if (decision instanceof RestartDecision.StayStopped) {
            LOG.info("{} is not restarted: {}", name, decision.reason());
            return;
        }
        Failures record = failures.computeIfAbsent(name, ignored -> new Failures(
                new RestartBudget(restartLimits.budget(), restartLimits.budgetWindow(), clock)));
        if (!record.budget().tryAcquire()) {
            LOG.warn("{} is not restarted: it was restarted {} times within {}, a boot loop; its restart budget is "
                    + "spent (create it again once it is fixed)", name, restartLimits.budget(),
                    restartLimits.budgetWindow());
            failures.remove(name);
            givenUp.put(name, spec);
            events.record(new Event.CommandRefused(name.path(), "restart of " + name, "restart budget spent: "
                    + restartLimits.budget() + " restarts within " + restartLimits.budgetWindow()
                    + " (a boot loop); create it again once it is fixed"));
            return;
        }
        boolean ranLongEnough = !started.plus(restartLimits.maxBackoff()).isAfter(clock.instant());
        int consecutive = record.failed(ranLongEnough);
        Duration delay = backoff.delay(consecutive);
        LOG.info("{} restarts in {}: {}", name, delay, decision.reason());
        PendingRestart pending = new PendingRestart(decision instanceof RestartDecision.RestartWithoutName
                ? spec.withArguments(withoutName(arguments)) : spec);
        restarting.put(name, pending);
        CompletableFuture.runAsync(() -> restartNow(name, pending),
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, state));
    }

    /** Runs on the state thread once the backoff has passed, unless a destroy or force-create came first. */
    private void restartNow(Name name, PendingRestart pending) {
        if (!restarting.remove(name, pending)) {
            return;
        }
        try {
            launchNew(name, pending.spec(), intake.stored(pending.spec()), consoles::started);
            events.record(new Event.UnikernelRestart(name));
            LOG.info("{} restarted", name);
        } catch (CommandFailed e) {
            LOG.warn("{} could not be restarted: {}", name, e.getMessage());
            persist();
            removeUnusedImages();
        }
    }

    /** Drops what is remembered of an earlier unikernel of this name: its failures and a stopped boot loop. */
    private void forget(Name name) {
        updates.forget(name);
        failures.remove(name);
        givenUp.remove(name);
    }

    private boolean cancelRestart(Name name) {
        return restarting.remove(name) != null;
    }

    private static UnikernelArguments withoutName(UnikernelArguments args) {
        return new UnikernelArguments(args.failBehaviour(), args.startup(), false, args.cpuIds(), args.memoryMb(),
                args.blockDevices(), args.bridges(), args.arguments(), args.numCpus(), args.linuxBootPartition());
    }

    /** A restart that waits for its backoff: what it starts. Compared by identity. */
    private static final class PendingRestart {
        private final UnikernelSpec spec;

        PendingRestart(UnikernelSpec spec) {
            this.spec = spec;
        }

        UnikernelSpec spec() {
            return spec;
        }
    }

    /** A unikernel's restarts on failure: its budget, and how many failures in a row the backoff counts. */
    private static final class Failures {
        private final RestartBudget budget;
        private int consecutive;

        Failures(RestartBudget budget) {
            this.budget = budget;
        }

        RestartBudget budget() {
            return budget;
        }

        /** Counts a failure; one after a run longer than the longest backoff starts the count again. */
        int failed(boolean afterALongRun) {
            consecutive = afterALongRun ? 1 : consecutive + 1;
            return consecutive;
        }
    }

    /** The console allowance of every policy from {@code path} up to the root. */
    private List<ConsoleAllowance> consoleAllowances(Path path) {
        List<ConsoleAllowance> allowances = new ArrayList<>();
        for (Path at = path; ; at = at.parent()) {
            Path governed = at;
            tree.policy(at).ifPresent(policy -> allowances.add(new ConsoleAllowance(governed, policy.unikernels())));
            if (at.isRoot()) {
                return allowances;
            }
        }
    }

    private static UnikernelInfo info(UnikernelSpec spec, Launch launch, Instant started) {
        return info(spec, Set.copyOf(launch.blocks()), Set.copyOf(launch.networks()), started);
    }

    /** A unikernel that is down: what it runs, no devices attached and no start time. */
    private static UnikernelInfo notRunning(UnikernelSpec spec) {
        return info(spec, Set.of(), Set.of(), UnikernelInfo.NOT_STARTED);
    }

    private static UnikernelInfo info(UnikernelSpec spec, Set<UnikernelInfo.Block> blocks,
            Set<UnikernelInfo.Network> networks, Instant started) {
        UnikernelArguments arguments = spec.arguments();
        return new UnikernelInfo(spec.typ(), arguments.startup(), arguments.failBehaviour(), arguments.cpuIds(),
                arguments.memoryMb(), spec.imageDigest(), blocks, networks, arguments.arguments(), started,
                arguments.numCpus(), arguments.linuxBootPartition());
    }

    /** Whether {@code target} is {@code name} itself, or lies under it when {@code name} is a path. */
    static boolean covers(Name name, Name target) {
        return name.label().isPresent() ? name.equals(target) : target.path().startsWith(name.path());
    }

    private static ResourceTree refusedUnless(TreeChange change) throws CommandFailed {
        try {
            return change.apply();
        } catch (PolicyViolation e) {
            throw new CommandFailed(e.getMessage());
        }
    }

    private CompletableFuture<Reply> onState(Action action) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return action.run();
            } catch (CommandFailed e) {
                return CompletableFuture.completedFuture(Reply.failure(e.getMessage()));
            }
        }, state).thenCompose(Function.identity());
    }

    /** Gives the writer of a unikernel's console: {@link Consoles#created} or {@link Consoles#started}. */
    @FunctionalInterface
    private interface ConsoleStart {
        ConsoleWriter start(Name name, List<ConsoleAllowance> allowances);
    }

    /** Starts or adopts a unikernel's monitor, its console lines going to {@code console}. */
    @FunctionalInterface
    private interface LaunchStep {
        Launch launch(Consumer<String> console) throws CommandFailed;
    }

    @FunctionalInterface
    private interface Action {
        CompletableFuture<Reply> run() throws CommandFailed;
    }

    @FunctionalInterface
    private interface TreeChange {
        ResourceTree apply() throws PolicyViolation;
    }
}
