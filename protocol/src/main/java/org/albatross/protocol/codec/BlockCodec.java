package org.albatross.protocol.codec;

import org.albatross.protocol.BlockCommand;

/**
 * {@code BlockCmd ::= CHOICE { [0] info NULL, [1] add INTEGER, [2] remove NULL, [6] dump INTEGER,
 * [7] set BOOLEAN }}. Of the older forms, dump [5] has the same meaning and is read; add [3] and set [4] carried
 * the data inline and are refused.
 */
final class BlockCodec {
    private BlockCodec() {
    }

    static DerValue encode(BlockCommand command) {
        if (command instanceof BlockCommand.Info) {
            return Der.explicitNull(0);
        }
        if (command instanceof BlockCommand.Add add) {
            return Der.explicit(1, Der.integer(add.sizeMb()));
        }
        if (command instanceof BlockCommand.Remove) {
            return Der.explicitNull(2);
        }
        if (command instanceof BlockCommand.Dump dump) {
            return Der.explicit(6, Der.integer(dump.compressionLevel()));
        }
        if (command instanceof BlockCommand.Set set) {
            return Der.explicit(7, Der.bool(set.compressed()));
        }
        throw Der.unencodable(command);
    }

    static BlockCommand decode(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("info", new BlockCommand.Info());
            case 1 -> new BlockCommand.Add(choice.node("add").nonNegativeLong());
            case 2 -> choice.empty("remove", new BlockCommand.Remove());
            case 3 -> throw choice.obsolete("block add with inline data");
            case 4 -> throw choice.obsolete("block set with inline data");
            case 5, 6 -> new BlockCommand.Dump(choice.node("dump").nonNegativeInt());
            case 7 -> new BlockCommand.Set(choice.node("set").bool());
            default -> throw choice.unknown("block command");
        };
    }
}
