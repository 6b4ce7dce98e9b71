package org.albatross.daemon.state;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.albatross.protocol.BlockCommand;
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
 * The state format of earlier daemons (state file version 1), read once to be converted: each entry is a DER wire
 * message in the 4-byte length framing, {@code policy add}, {@code block add} or {@code unikernel create} with its
 * whole image inside (header sequence 1 marks a unikernel kept stopped). Read entry by entry from a stream, each image
 * handed to the image store as it comes, so that a state of hundreds of MB never sits in the heap.
 */
public final class StateWithImages {
    /** The header sequence number of a {@code unikernel create} entry that is kept stopped, not started. */
    private static final long STOPPED = 1;

    private StateWithImages() {
    }

    /** Stores a unikernel's image (inflating it when the config says it is compressed) and returns its digest. */
    @FunctionalInterface
    public interface ImageSink {
        Octets store(Name name, UnikernelConfig config) throws IOException, DaemonStateCodec.UnreadableState;
    }

    /**
     * The state in {@code in}, every image stored through {@code images} and referred to by its digest.
     *
     * @throws DaemonStateCodec.UnreadableState when the bytes are not such a state
     */
    public static DaemonState read(InputStream in, ImageSink images)
            throws IOException, DaemonStateCodec.UnreadableState {
        Map<Path, Policy> policies = new HashMap<>();
        Map<Name, Long> blocks = new HashMap<>();
        Map<Name, UnikernelSpec> unikernels = new HashMap<>();
        Map<Name, UnikernelSpec> stopped = new HashMap<>();
        DataInputStream entries = new DataInputStream(in);
        for (int index = 1; ; index++) {
            int length;
            try {
                length = entries.readInt();
            } catch (EOFException end) {
                return new DaemonState(policies, blocks, unikernels, stopped);
            }
            if (length <= 0) {
                throw new DaemonStateCodec.UnreadableState("entry " + index + " claims " + length + " bytes");
            }
            byte[] frame = new byte[length];
            try {
                entries.readFully(frame);
            } catch (EOFException cut) {
                throw new DaemonStateCodec.UnreadableState("entry " + index + " is cut short");
            }
            Wire wire;
            try {
                wire = WireCodec.decode(frame);
            } catch (ProtocolError e) {
                throw new DaemonStateCodec.UnreadableState("entry " + index + ": " + e.getMessage());
            }
            Name name = wire.header().name();
            if (wire.payload() instanceof PolicyCommand.Add add) {
                policies.put(name.path(), add.policy());
            } else if (wire.payload() instanceof BlockCommand.Add add) {
                blocks.put(name, add.sizeMb());
            } else if (wire.payload() instanceof UnikernelCommand.Create create) {
                UnikernelSpec spec = DaemonStateCodec.spec(create.config(), images.store(name, create.config()));
                (wire.header().sequence() == STOPPED ? stopped : unikernels).put(name, spec);
            } else {
                throw new DaemonStateCodec.UnreadableState("entry " + index + " is not a policy, block device or "
                        + "unikernel: " + wire.payload().getClass().getSimpleName());
            }
        }
    }
}
