package org.albatross.protocol;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Something the daemon did or refused, as kept in its event log (our extension of the wire protocol). */
public sealed interface Event {
    /** The daemon started. */
    record Startup() implements Event {
    }

    /** A client authenticated. */
    record Login(Session session) implements Event {
        public Login {
            Objects.requireNonNull(session, "session");
        }
    }

    /** A client's connection ended. */
    record Logout(Session session) implements Event {
        public Logout {
            Objects.requireNonNull(session, "session");
        }
    }

    /** Who a client is: the tenant path its chain gives, its leaf certificate's serial number and its address. */
    record Session(Path tenant, BigInteger leafSerial, String remote) {
        public Session {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(leafSerial, "leafSerial");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /** A unikernel started: its monitor's pid, the image's SHA-256, its taps and block devices, the adapter used. */
    record UnikernelStart(Name name, long pid, Octets imageDigest, List<String> taps, List<String> blocks,
            String adapter) implements Event {
        public UnikernelStart {
            Objects.requireNonNull(name, "name");
            Checks.nonNegative(pid, "pid");
            Objects.requireNonNull(imageDigest, "imageDigest");
            taps = List.copyOf(taps);
            blocks = List.copyOf(blocks);
            Objects.requireNonNull(adapter, "adapter");
        }
    }

    /** A unikernel stopped, and how. */
    record UnikernelStop(Name name, ExitStatus status) implements Event {
        public UnikernelStop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A unikernel is started again after it stopped (its fail behaviour, or a restart command). */
    record UnikernelRestart(Name name) implements Event {
        public UnikernelRestart {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The daemon re-read its configuration. */
    record Hup() implements Event {
    }

    /** The daemon is shutting down. */
    record Shutdown() implements Event {
    }

    /** The policy at {@code path} was set, or removed when {@code policy} is empty. */
    record PolicyChanged(Path path, Optional<Policy> policy) implements Event {
        public PolicyChanged {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** A block device was created or resized ({@code sizeMb}), or removed ({@code sizeMb} empty). */
    record BlockChanged(Name name, Optional<Long> sizeMb) implements Event {
        public BlockChanged {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sizeMb, "sizeMb");
            sizeMb.ifPresent(mb -> Checks.nonNegative(mb, "size (MB)"));
        }
    }

    /**
     * A command was refused: who sent it (the path it acted at, and for a remote client its session: leaf serial and
     * address), what it was, and why it was refused.
     */
    record CommandRefused(Path who, String what, String why, Optional<Session> by) implements Event {
        public CommandRefused {
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(by, "by");
        }

        /** A refusal of a local client or of the daemon itself, which have no session. */
        public CommandRefused(Path who, String what, String why) {
            this(who, what, why, Optional.empty());
        }
    }

    /**
     * The daemon took over an albatross host: it converted albatross's state file {@code file} (of the form
     * {@code form}), kept as {@code keptAs}, into its own state with these many unikernels, policies and block devices.
     */
    record StateImported(String file, String keptAs, String form, int unikernels, int policies, int blockDevices)
            implements Event {
        public StateImported {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(keptAs, "keptAs");
            Objects.requireNonNull(form, "form");
            Checks.nonNegative(unikernels, "unikernels");
            Checks.nonNegative(policies, "policies");
            Checks.nonNegative(blockDevices, "block devices");
        }
    }

    /**
     * An update replaced the image {@code previous} of {@code name} by {@code image}, kept the previous one for a
     * rollback, and watches the new one as {@code watch} says ({@link HealthWatch#toString()}, or {@code none}).
     */
    record UpdateStarted(Name name, Octets previous, Octets image, String watch) implements Event {
        public UpdateStarted {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(watch, "watch");
        }
    }

    /** The image an update started passed its watch ({@code how}) and stays. */
    record UpdatePassed(Name name, Octets image, String how) implements Event {
        public UpdatePassed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(how, "how");
        }
    }

    /**
     * {@code name} runs the image {@code to} and the configuration it ran with again, in place of {@code from}: its
     * watch failed, or a rollback was asked for ({@code why} says which).
     */
    record RolledBack(Name name, Octets from, Octets to, String why) implements Event {
        public RolledBack {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(why, "why");
        }
    }

    /** How a unikernel's monitor process ended. */
    sealed interface ExitStatus {
        record Exited(int code) implements ExitStatus {
        }

        record Signalled(int signal) implements ExitStatus {
        }

        /** Stopped on request (destroy, force-create, shutdown). */
        record Stopped() implements ExitStatus {
        }
    }
}
