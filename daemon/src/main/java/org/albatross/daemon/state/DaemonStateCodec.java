package org.albatross.daemon.state;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * The state as a list of entries, each {@code [4-byte length][1-byte kind][body]}, the body a DER wire message of the
 * command that recreates the entry, named in its header: {@code policy add} (kind {@code P}), {@code block add}
 * ({@code B}), and for a unikernel ({@code U}, or {@code S} when its boot loop was stopped and it is kept, not started)
 * the 32-byte SHA-256 of its image followed by a {@code unikernel create} whose image is empty: the image is in the
 * image store. An updated unikernel's {@link KeptUpdate} ({@code K}) is the 32-byte SHA-256 of the image it ran before
 * and the 8-byte end of its watch (milliseconds since the epoch, 0 without a watch), followed by a
 * {@code unikernel update} of what it ran before, image empty, with the watch. Reusing the wire codec means the state
 * holds exactly what the protocol can say.
 */
public final class DaemonStateCodec {
    private static final byte POLICY = 'P';
    private static final byte BLOCK = 'B';
    private static final byte UNIKERNEL = 'U';
    private static final byte STOPPED = 'S';
    private static final byte KEPT = 'K';
    private static final int DIGEST_BYTES = 32;
    /** By name; written out, as {@code Map.Entry.comparingByKey} makes a serializable lambda no archive holds. */
    private static final Comparator<Map.Entry<Name, ?>> BY_NAME = (a, b) -> Name.TEXT_ORDER.compare(a.getKey(),
            b.getKey());

    private DaemonStateCodec() {
    }

    public static byte[] encode(DaemonState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.policiesOutermostFirst().forEach(entry -> entry(out, POLICY, new byte[0], Name.of(entry.getKey()),
                new PolicyCommand.Add(entry.getValue())));
        state.blockDevices().entrySet().stream().sorted(BY_NAME).forEach(entry -> entry(out, BLOCK, new byte[0],
                entry.getKey(), new BlockCommand.Add(entry.getValue())));
        state.startupOrder().forEach(entry -> unikernel(out, UNIKERNEL, entry.getKey(), entry.getValue()));
        state.stopped().entrySet().stream().sorted(BY_NAME)
                .forEach(entry -> unikernel(out, STOPPED, entry.getKey(), entry.getValue()));
        state.updates().entrySet().stream().sorted(BY_NAME).forEach(entry -> kept(out, entry.getKey(), entry.getValue()));
        return out.toByteArray();
    }

    /** @throws UnreadableState when the bytes are not a state this codec wrote */
    public static DaemonState decode(byte[] bytes) throws UnreadableState {
        Map<Path, Policy> policies = new HashMap<>();
        Map<Name, Long> blocks = new HashMap<>();
        Map<Name, UnikernelSpec> unikernels = new HashMap<>();
        Map<Name, UnikernelSpec> stopped = new HashMap<>();
        Map<Name, KeptUpdate> updates = new HashMap<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int index = 0;
        try {
            while (in.hasRemaining()) {
                index++;
                int length = in.getInt();
                if (length <= 1 || length > in.remaining()) {
                    throw new UnreadableState("entry " + index + " claims " + length + " bytes, " + in.remaining()
                            + " remain");
                }
                byte kind = in.get();
                if (kind != POLICY && kind != BLOCK && kind != UNIKERNEL && kind != STOPPED && kind != KEPT) {
                    throw new UnreadableState("entry " + index + " is of an unknown kind " + kind);
                }
                byte[] digest = kind == POLICY || kind == BLOCK ? new byte[0] : new byte[DIGEST_BYTES];
                in.get(digest);
                long deadline = kind == KEPT ? in.getLong() : 0;
                byte[] message = new byte[length - 1 - digest.length - (kind == KEPT ? Long.BYTES : 0)];
                in.get(message);
                Wire wire = WireCodec.decode(message);
                Name name = wire.header().name();
                switch (kind) {
                    case POLICY -> policies.put(name.path(), expect(wire, PolicyCommand.Add.class, index).policy());
                    case BLOCK -> blocks.put(name, expect(wire, BlockCommand.Add.class, index).sizeMb());
                    case UNIKERNEL, STOPPED -> (kind == UNIKERNEL ? unikernels : stopped).put(name,
                            spec(expect(wire, UnikernelCommand.Create.class, index).config(), Octets.of(digest)));
                    case KEPT -> updates.put(name, kept(expect(wire, UnikernelCommand.Update.class, index),
                            Octets.of(digest), deadline));
                    default -> throw new IllegalStateException("kinds are checked above");
                }
            }
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new UnreadableState("entry " + index + " is cut short");
        } catch (ProtocolError e) {
            throw new UnreadableState("entry " + index + ": " + e.getMessage());
        }
        return new DaemonState(policies, blocks, unikernels, stopped, updates);
    }

    private static KeptUpdate kept(UnikernelCommand.Update update, Octets digest, long deadline) {
        return new KeptUpdate(spec(update.config(), digest), update.watch().map(health -> new KeptUpdate.Watch(
                health, Instant.ofEpochMilli(deadline))));
    }

    private static void kept(ByteArrayOutputStream out, Name name, KeptUpdate kept) {
        UnikernelSpec previous = kept.previous();
        byte[] prefix = ByteBuffer.allocate(DIGEST_BYTES + Long.BYTES).put(digest(previous))
                .putLong(kept.watch().map(watch -> watch.deadline().toEpochMilli()).orElse(0L)).array();
        entry(out, KEPT, prefix, name, new UnikernelCommand.Update(new UnikernelConfig(previous.typ(), false,
                Octets.EMPTY, previous.arguments()), kept.watch().map(KeptUpdate.Watch::health)));
    }

    /** What a unikernel runs, from the create that made it and the digest of its (inflated) image. */
    static UnikernelSpec spec(UnikernelConfig config, Octets digest) {
        return new UnikernelSpec(config.typ(), digest, config.runArguments());
    }

    private static void unikernel(ByteArrayOutputStream out, byte kind, Name name, UnikernelSpec spec) {
        entry(out, kind, digest(spec), name, new UnikernelCommand.Create(new UnikernelConfig(spec.typ(), false,
                Octets.EMPTY, spec.arguments())));
    }

    private static byte[] digest(UnikernelSpec spec) {
        byte[] digest = spec.imageDigest().toByteArray();
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("an image digest is a SHA-256, not " + digest.length + " bytes");
        }
        return digest;
    }

    private static void entry(ByteArrayOutputStream out, byte kind, byte[] prefix, Name name, Command command) {
        byte[] message = WireCodec.encode(new Wire(new Header(0, name), command));
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES + 1).putInt(1 + prefix.length + message.length).put(kind)
                .array());
        out.writeBytes(prefix);
        out.writeBytes(message);
    }

    private static <T> T expect(Wire wire, Class<T> type, int index) throws UnreadableState {
        if (!type.isInstance(wire.payload())) {
            throw new UnreadableState("entry " + index + " holds a " + wire.payload().getClass().getSimpleName()
                    + " where a " + type.getSimpleName() + " belongs");
        }
        return type.cast(wire.payload());
    }

    /** The state's bytes are intact (the store checked them) but do not hold a state this daemon can read. */
    public static final class UnreadableState extends Exception {
        public UnreadableState(String message) {
            super("the state cannot be read: " + message, null, false, false);
        }
    }
}
