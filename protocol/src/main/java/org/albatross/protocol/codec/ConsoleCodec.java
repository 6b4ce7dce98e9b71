package org.albatross.protocol.codec;

import org.albatross.protocol.ConsoleCommand;

/**
 * {@code ConsoleCmd ::= CHOICE { [0] add INTEGER, [2] subscribe CHOICE { [0] since GeneralizedTime,
 * [1] count INTEGER }, [3] list-inactive NULL }}.
 */
final class ConsoleCodec {
    private ConsoleCodec() {
    }

    static DerValue encode(ConsoleCommand command) {
        if (command instanceof ConsoleCommand.Add add) {
            return Der.explicit(0, Der.integer(add.ringSize()));
        }
        if (command instanceof ConsoleCommand.SubscribeSince since) {
            return Der.explicit(2, Der.explicit(0, Der.time(since.since())));
        }
        if (command instanceof ConsoleCommand.SubscribeCount count) {
            return Der.explicit(2, Der.explicit(1, Der.integer(count.count())));
        }
        if (command instanceof ConsoleCommand.ListInactive) {
            return Der.explicitNull(3);
        }
        throw Der.unencodable(command);
    }

    static ConsoleCommand decode(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> new ConsoleCommand.Add(choice.node("add").nonNegativeInt());
            case 2 -> {
                Choice subscribe = choice.node("subscribe").choice();
                yield switch (subscribe.tag()) {
                    case 0 -> new ConsoleCommand.SubscribeSince(subscribe.node("since").time());
                    case 1 -> new ConsoleCommand.SubscribeCount(subscribe.node("count").nonNegativeInt());
                    default -> throw subscribe.unknown("console subscription");
                };
            }
            case 3 -> choice.empty("list-inactive", new ConsoleCommand.ListInactive());
            default -> throw choice.unknown("console command");
        };
    }
}
