package org.albatross.protocol.codec;

import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;

/**
 * {@code Policy ::= SEQUENCE { cpuids SEQUENCE OF INTEGER, unikernels INTEGER, memory INTEGER,
 * block INTEGER OPTIONAL, bridges SEQUENCE OF UTF8String }} and the policy commands. The two lists are sets in
 * albatross, written in ascending order; duplicates received are merged, as albatross does.
 */
final class PolicyCodec {
    private PolicyCodec() {
    }

    static DerValue encode(Policy policy) {
        return Der.sequenceOfPresent(
                Optional.of(Der.sequenceOf(policy.cpuIds().stream().sorted().toList(), Der::integer)),
                Optional.of(Der.integer(policy.unikernels())),
                Optional.of(Der.integer(policy.memoryMb())),
                policy.blockMb().map(Der::integer),
                Optional.of(Der.sequenceOf(policy.bridges().stream().sorted().toList(), Der::utf8)));
    }

    static Policy decode(Node node) {
        Fields fields = node.sequence();
        Set<Integer> cpuIds = Set.copyOf(fields.required("cpuids").sequenceOf(Node::nonNegativeInt));
        int unikernels = fields.required("unikernels").nonNegativeInt();
        long memory = fields.required("memory").nonNegativeLong();
        Optional<Long> block = fields.optional("block", DerValue.INTEGER).map(Node::nonNegativeLong);
        Set<String> bridges = Set.copyOf(fields.required("bridges").sequenceOf(Node::utf8));
        fields.end();
        return new Policy(unikernels, cpuIds, memory, block, bridges);
    }

    static DerValue encodeCommand(PolicyCommand command) {
        if (command instanceof PolicyCommand.Info) {
            return Der.explicitNull(0);
        }
        if (command instanceof PolicyCommand.Add add) {
            return Der.explicit(1, encode(add.policy()));
        }
        if (command instanceof PolicyCommand.Remove) {
            return Der.explicitNull(2);
        }
        throw Der.unencodable(command);
    }

    static PolicyCommand decodeCommand(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("info", new PolicyCommand.Info());
            case 1 -> new PolicyCommand.Add(decode(choice.node("add")));
            case 2 -> choice.empty("remove", new PolicyCommand.Remove());
            default -> throw choice.unknown("policy command");
        };
    }
}
