package org.albatross.daemon.state;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
 * image store. Reusing the wire codec means the state holds exactly what the protocol can say.
 */
public final class DaemonStateCodec {
    private static final byte POLICY = 'P';
    private static final byte BLOCK = 'B';
    private static final byte UNIKERNEL = 'U';
    private static final byte STOPPED = 'S';
    private static final int DIGEST_BYTES = 32;

    private DaemonStateCodec() {
    }

    public static byte[] encode(DaemonState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.policiesOutermostFirst().forEach(entry -> entry(out, POLICY, new byte[0], Name.of(entry.getKey()),
                new PolicyCommand.Add(entry.getValue())));
        state.blockDevices().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Name::toString)))
                .forEach(entry -> entry(out, BLOCK, new byte[0], entry.getKey(),
                        new BlockCommand.Add(entry.getValue())));
        state.startupOrder().forEach(entry -> unikernel(out, UNIKERNEL, entry.getKey(), entry.getValue()));
        state.stopped().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Name::toString)))
                .forEach(entry -> unikernel(out, STOPPED, entry.getKey(), entry.getValue()));
        return out.toByteArray();
    }

    /** @throws UnreadableState when the bytes are not a state this codec wrote */
    public static DaemonState decode(byte[] bytes) throws UnreadableState {
        Map<Path, Policy> policies = new HashMap<>();
        Map<Name, Long> blocks = new HashMap<>();
        Map<Name, UnikernelSpec> unikernels = new HashMap<>();
        Map<Name, UnikernelSpec> stopped = new HashMap<>();
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
                if (kind != POLICY && kind != BLOCK && kind != UNIKERNEL && kind != STOPPED) {
                    throw new UnreadableState("entry " + index + " is of an unknown kind " + kind);
                }
                byte[] digest = kind == UNIKERNEL || kind == STOPPED ? new byte[DIGEST_BYTES] : new byte[0];
                in.get(digest);
                byte[] message = new byte[length - 1 - digest.length];
                in.get(message);
                Wire wire = WireCodec.decode(message);
                Name name = wire.header().name();
                switch (kind) {
                    case POLICY -> policies.put(name.path(), expect(wire, PolicyCommand.Add.class, index).policy());
                    case BLOCK -> blocks.put(name, expect(wire, BlockCommand.Add.class, index).sizeMb());
                    case UNIKERNEL, STOPPED -> (kind == UNIKERNEL ? unikernels : stopped).put(name,
                            spec(expect(wire, UnikernelCommand.Create.class, index).config(), Octets.of(digest)));
                    default -> throw new IllegalStateException("kinds are checked above");
                }
            }
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new UnreadableState("entry " + index + " is cut short");
        } catch (ProtocolError e) {
            throw new UnreadableState("entry " + index + ": " + e.getMessage());
        }
        return new DaemonState(policies, blocks, unikernels, stopped);
    }

    /** What a unikernel runs, from the create that made it and the digest of its (inflated) image. */
    static UnikernelSpec spec(UnikernelConfig config, Octets digest) {
        return new UnikernelSpec(config.typ(), digest, config.runArguments());
    }

    private static void unikernel(ByteArrayOutputStream out, byte kind, Name name, UnikernelSpec spec) {
        byte[] digest = spec.imageDigest().toByteArray();
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("an image digest is a SHA-256, not " + digest.length + " bytes");
        }
        entry(out, kind, digest, name, new UnikernelCommand.Create(new UnikernelConfig(spec.typ(), false,
                Octets.EMPTY, spec.arguments())));
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
