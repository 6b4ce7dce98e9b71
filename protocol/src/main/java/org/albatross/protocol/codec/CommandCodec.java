package org.albatross.protocol.codec;

import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.UnikernelCommand;

/**
 * {@code Command ::= CHOICE { [0] console, [1] stats, [2] event log (ours), [3] unikernel, [4] policy,
 * [5] block }}: the service tag, then the service's own choice.
 */
final class CommandCodec {
    private CommandCodec() {
    }

    static DerValue encode(Command command) {
        if (command instanceof ConsoleCommand console) {
            return Der.explicit(0, ConsoleCodec.encode(console));
        }
        if (command instanceof StatsCommand stats) {
            return Der.explicit(1, StatsCodec.encode(stats));
        }
        if (command instanceof EventLogCommand log) {
            return Der.explicit(2, EventCodec.encode(log));
        }
        if (command instanceof UnikernelCommand unikernel) {
            return Der.explicit(3, UnikernelCodec.encode(unikernel));
        }
        if (command instanceof PolicyCommand policy) {
            return Der.explicit(4, PolicyCodec.encodeCommand(policy));
        }
        if (command instanceof BlockCommand block) {
            return Der.explicit(5, BlockCodec.encode(block));
        }
        throw Der.unencodable(command);
    }

    static Command decode(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> ConsoleCodec.decode(choice.node("console"));
            case 1 -> StatsCodec.decode(choice.node("stats"));
            case 2 -> EventCodec.decodeCommand(choice.node("log"));
            case 3 -> UnikernelCodec.decode(choice.node("unikernel"));
            case 4 -> PolicyCodec.decodeCommand(choice.node("policy"));
            case 5 -> BlockCodec.decode(choice.node("block"));
            default -> throw choice.unknown("command");
        };
    }
}
