package org.albatross.daemon.state;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/**
 * The state as the commands that recreate it, each a DER wire message in the 4-byte length framing: {@code policy
 * add} for each policy, {@code block add} for each block device, {@code unikernel create} for each unikernel, named
 * in the header. Reusing the wire codec means the state holds exactly what the protocol can say, and nothing needs a
 * second encoding of its own.
 *
 * <p>A unikernel whose boot loop was stopped is a {@code unikernel create} too, told apart by the sequence number
 * {@link #STOPPED} in its header (every other entry has 0): no command stops a unikernel while keeping it, and a
 * state written before stopped unikernels were kept reads the same.
 */
public final class DaemonStateCodec {
    /** The header sequence number of a {@code unikernel create} entry that is kept stopped, not started. */
    static final long STOPPED = 1;
    private static final long COMMAND = 0;

    private DaemonStateCodec() {
    }

    public static byte[] encode(DaemonState state) {
        List<byte[]> frames = new ArrayList<>();
        state.policiesOutermostFirst().forEach(entry -> frames.add(frame(Name.of(entry.getKey()),
                new PolicyCommand.Add(entry.getValue()))));
        state.blockDevices().entrySet().stream().sorted(Map.Entry.comparingByKey(
                Comparator.comparing(Name::toString)))
                .forEach(entry -> frames.add(frame(entry.getKey(), new BlockCommand.Add(entry.getValue()))));
        state.startupOrder().forEach(entry -> frames.add(frame(entry.getKey(),
                new UnikernelCommand.Create(entry.getValue()))));
        state.stopped().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Name::toString)))
                .forEach(entry -> frames.add(frame(STOPPED, entry.getKey(),
                        new UnikernelCommand.Create(entry.getValue()))));
        ByteBuffer out = ByteBuffer.allocate(frames.stream().mapToInt(frame -> Integer.BYTES + frame.length).sum());
        frames.forEach(frame -> out.putInt(frame.length).put(frame));
        return out.array();
    }

    /** @throws UnreadableState when the bytes are not a state this codec wrote */
    public static DaemonState decode(byte[] bytes) throws UnreadableState {
        Map<Path, Policy> policies = new HashMap<>();
        Map<Name, Long> blocks = new HashMap<>();
        Map<Name, UnikernelConfig> unikernels = new HashMap<>();
        Map<Name, UnikernelConfig> stopped = new HashMap<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int index = 0;
        try {
            while (in.hasRemaining()) {
                index++;
                int length = in.getInt();
                if (length <= 0 || length > in.remaining()) {
                    throw new UnreadableState("entry " + index + " claims " + length + " bytes, " + in.remaining()
                            + " remain");
                }
                byte[] frame = new byte[length];
                in.get(frame);
                Wire wire = WireCodec.decode(frame);
                Name name = wire.header().name();
                if (wire.payload() instanceof PolicyCommand.Add add) {
                    policies.put(name.path(), add.policy());
                } else if (wire.payload() instanceof BlockCommand.Add add) {
                    blocks.put(name, add.sizeMb());
                } else if (wire.payload() instanceof UnikernelCommand.Create create) {
                    (wire.header().sequence() == STOPPED ? stopped : unikernels).put(name, create.config());
                } else {
                    throw new UnreadableState("entry " + index + " is not a policy, block device or unikernel: "
                            + wire.payload().getClass().getSimpleName());
                }
            }
        } catch (BufferUnderflowException e) {
            throw new UnreadableState("entry " + index + " is cut short");
        } catch (ProtocolError e) {
            throw new UnreadableState("entry " + index + ": " + e.getMessage());
        }
        return new DaemonState(policies, blocks, unikernels, stopped);
    }

    private static byte[] frame(Name name, org.albatross.protocol.Command command) {
        return frame(COMMAND, name, command);
    }

    private static byte[] frame(long sequence, Name name, org.albatross.protocol.Command command) {
        return WireCodec.encode(new Wire(new Header(sequence, name), command));
    }

    /** The state's bytes are intact (the store checked them) but do not hold a state this daemon can read. */
    public static final class UnreadableState extends Exception {
        public UnreadableState(String message) {
            super("the state cannot be read: " + message, null, false, false);
        }
    }
}
