package org.albatross.protocol.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.AlbatrossState.Form;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.codec.DerReader.Header;

/**
 * albatross's state file ({@code Vmm_asn.state_of_str}/{@code state_to_str}): a CHOICE of forms, each a trie of
 * unikernel configs written as {@code SEQUENCE OF SEQUENCE { name UTF8String, value }}, from {@code [4]} on paired
 * with a trie of policies. Read entry by entry ({@link #entries}): a state holds every image, so only the entry being
 * read is ever decoded, and the caller may hand each image on before it reads the next. Pure: bytes in, records out;
 * every fault is a {@link ProtocolError} saying where ({@code unikernels[2] :foo.hello.memory: ...}).
 */
public final class AlbatrossStateCodec {
    private static final int CONTEXT_CONSTRUCTED = DerValue.CONTEXT | DerValue.CONSTRUCTED;
    private static final int NOT_YET_IMPLEMENTED = 7;

    private AlbatrossStateCodec() {
    }

    /**
     * Whether a file that starts with {@code first} can be albatross's state: its outer CHOICE opens with a
     * constructed context tag [0]-[7]. The daemon's own state file starts with {@code ALBSTATE}.
     */
    public static boolean startsLikeAlbatrossState(byte first) {
        int tag = first & 0xFF;
        return tag >= CONTEXT_CONSTRUCTED && tag <= CONTEXT_CONSTRUCTED + NOT_YET_IMPLEMENTED;
    }

    /**
     * The entries of the state in {@code state} (from its position to its limit), unikernels first, then policies.
     * The outer structure is checked here; each entry as it is read.
     *
     * @throws ProtocolError when the bytes are not albatross's state
     */
    public static Entries entries(ByteBuffer state) {
        return new Entries(state.slice());
    }

    /** The whole state at once, for a file small enough to hold in memory with its images. */
    public static AlbatrossState decode(ByteBuffer state) {
        Entries entries = entries(state);
        List<AlbatrossState.Unikernel> unikernels = new ArrayList<>();
        Map<Path, Policy> policies = new HashMap<>();
        while (entries.hasNext()) {
            AlbatrossState.Entry entry = entries.next();
            if (entry instanceof AlbatrossState.Unikernel unikernel) {
                unikernels.add(unikernel);
            } else if (entry instanceof AlbatrossState.PolicyAt policy) {
                policies.put(policy.path(), policy.policy());
            }
        }
        return new AlbatrossState(entries.form(), unikernels, policies);
    }

    /** The state in the form albatross 2.x writes ({@code [6]}), as {@code state_to_str} does; entries by name. */
    public static byte[] encode(AlbatrossState state) {
        if (state.form() != Form.V5_WITH_POLICIES) {
            throw new IllegalArgumentException("only the current form " + Form.V5_WITH_POLICIES
                    + " is written, as albatross does; not " + state.form());
        }
        return Der.bytes(Der.explicit(Form.V5_WITH_POLICIES.tag(), Der.sequence(
                Der.sequenceOf(state.unikernels().stream()
                        .sorted(Comparator.comparing(unikernel -> unikernel.name().toString())).toList(),
                        unikernel -> Der.sequence(Der.utf8(unikernel.name().toString()),
                                UnikernelCodec.encode(unikernel.config()))),
                Der.sequenceOf(state.policies().entrySet().stream()
                        .sorted(Comparator.comparing(entry -> entry.getKey().toString())).toList(),
                        entry -> Der.sequence(Der.utf8(Name.of(entry.getKey()).toString()),
                                PolicyCodec.encode(entry.getValue()))))));
    }

    /** A cursor over a state's entries; {@link #next} decodes one entry and throws {@link ProtocolError} on a fault. */
    public static final class Entries implements Iterator<AlbatrossState.Entry> {
        private final ByteBuffer bytes;
        private final Form form;
        private final Header unikernels;
        private final Header policies;
        private final Set<Name> seen = new HashSet<>();
        private int position;
        private int index;
        private boolean inPolicies;

        private Entries(ByteBuffer bytes) {
            this.bytes = bytes;
            if (bytes.remaining() == 0) {
                throw new ProtocolError("state", "the file is empty");
            }
            this.form = form(bytes.get(0) & 0xFF);
            Header outer = Header.at(bytes, 0, bytes.limit(), "state");
            if (outer.end() != bytes.limit()) {
                throw new ProtocolError("state", "trailing bytes: " + (bytes.limit() - outer.end())
                        + " bytes after the state at offset " + outer.end());
            }
            Header content = Header.at(bytes, outer.contentStart(), outer.end(), "state " + form);
            if (form.holdsPolicies()) {
                expectSequence(content, "state " + form, "a SEQUENCE of unikernels and policies");
                unikernels = Header.at(bytes, content.contentStart(), content.end(), "unikernels");
                policies = Header.at(bytes, unikernels.end(), content.end(), "policies");
                if (policies.end() != content.end()) {
                    throw new ProtocolError("state", "unexpected bytes after the policies at offset " + policies.end());
                }
                expectSequence(policies, "policies", "a SEQUENCE OF policies");
            } else {
                unikernels = content;
                policies = null;
            }
            expectSequence(unikernels, "unikernels", "a SEQUENCE OF unikernels");
            position = unikernels.contentStart();
        }

        private static void expectSequence(Header header, String where, String what) {
            if (header.identifier() != DerValue.SEQUENCE) {
                throw new ProtocolError(where, "expected " + what + ", got the tag byte "
                        + String.format("0x%02x", header.identifier()) + " at offset " + header.start());
            }
        }

        private static Form form(int tag) {
            if ((tag & 0xE0) != CONTEXT_CONSTRUCTED) {
                throw new ProtocolError("state", "expected a context tag [0]-[6] (albatross's state), got the tag byte "
                        + String.format("0x%02x", tag));
            }
            int number = tag & 0x1F;
            if (number == NOT_YET_IMPLEMENTED) {
                throw new ProtocolError("state", "form [7] is albatross's placeholder for a future format and holds "
                        + "nothing (albatross refuses it too)");
            }
            for (Form form : Form.values()) {
                if (form.tag() == number) {
                    return form;
                }
            }
            throw new ProtocolError("state", "unknown form [" + number + "]: albatross's forms are [0]-[6]");
        }

        /** The form the state was written in. */
        public Form form() {
            return form;
        }

        @Override
        public boolean hasNext() {
            if (!inPolicies && position == unikernels.end() && policies != null) {
                inPolicies = true;
                position = policies.contentStart();
                index = 0;
            }
            return position < (inPolicies ? policies.end() : unikernels.end());
        }

        @Override
        public AlbatrossState.Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more entries");
            }
            Header list = inPolicies ? policies : unikernels;
            String where = (inPolicies ? "policies" : "unikernels") + "[" + index++ + "]";
            Header element = Header.at(bytes, position, list.end(), where);
            ByteBuffer entry = bytes.slice(position, element.end() - position);
            position = element.end();
            Fields fields = Der.parse(entry, where).sequence();
            Name name = fields.required("name").name();
            if (!seen.add(name)) {
                throw new ProtocolError(where, "a second entry for " + name);
            }
            Node value = fields.required("value");
            fields.end();
            Node located = new Node(value.value(), where + " " + name);
            return inPolicies ? new AlbatrossState.PolicyAt(name.asPath(), PolicyCodec.decode(located))
                    : unikernel(name, located, where);
        }

        private AlbatrossState.Unikernel unikernel(Name name, Node config, String where) {
            if (name.label().isEmpty()) {
                throw new ProtocolError(where, "\"" + name + "\" names a path, not a unikernel");
            }
            UnikernelConfig decoded = switch (form) {
                case V0_UNIKERNELS -> EarlyUnikernelConfigs.v0(config);
                case V1_UNIKERNELS -> EarlyUnikernelConfigs.v1(config);
                case V2_UNIKERNELS -> EarlyUnikernelConfigs.v2(config);
                case V3_UNIKERNELS, V3_WITH_POLICIES -> UnikernelCodec.decodeConfig(config, UnikernelCodec.Form.V3);
                case V4_WITH_POLICIES -> UnikernelCodec.decodeConfig(config, UnikernelCodec.Form.V4);
                case V5_WITH_POLICIES -> UnikernelCodec.decodeConfig(config, UnikernelCodec.Form.CURRENT);
            };
            return new AlbatrossState.Unikernel(name, decoded);
        }
    }
}
