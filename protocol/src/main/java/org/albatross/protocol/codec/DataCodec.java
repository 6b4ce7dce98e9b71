package org.albatross.protocol.codec;

import java.time.Instant;
import org.albatross.protocol.Data;

/**
 * {@code Data ::= CHOICE { [1] statistics, [2] event (our extension), [3] console SEQUENCE { timestamp, line },
 * [4] block CHOICE { [0] data OCTET STRING, [1] eof NULL } }}.
 */
final class DataCodec {
    private DataCodec() {
    }

    static DerValue encode(Data data) {
        if (data instanceof Data.StatisticsSample sample) {
            return Der.explicit(1, StatsCodec.encode(sample.statistics()));
        }
        if (data instanceof Data.EventEntry entry) {
            return Der.explicit(2, Der.sequence(Der.time(entry.timestamp()), EventCodec.encode(entry.event())));
        }
        if (data instanceof Data.ConsoleLine line) {
            return Der.explicit(3, Der.sequence(Der.time(line.timestamp()), Der.utf8(line.line())));
        }
        if (data instanceof Data.BlockChunk chunk) {
            return Der.explicit(4, Der.explicit(0, Der.octets(chunk.bytes())));
        }
        if (data instanceof Data.BlockEnd) {
            return Der.explicit(4, Der.explicitNull(1));
        }
        throw Der.unencodable(data);
    }

    static Data decode(Node node) {
        Choice choice = node.choice();
        switch (choice.tag()) {
            case 1:
                return new Data.StatisticsSample(StatsCodec.decodeStatistics(choice.node("statistics")));
            case 2: {
                Fields fields = choice.node("event").sequence();
                Instant timestamp = fields.required("timestamp").time();
                Data entry = new Data.EventEntry(timestamp, EventCodec.decode(fields.required("event")));
                fields.end();
                return entry;
            }
            case 3: {
                Fields fields = choice.node("console").sequence();
                Data line = new Data.ConsoleLine(fields.required("timestamp").time(), fields.required("line").utf8());
                fields.end();
                return line;
            }
            case 4: {
                Choice block = choice.node("block").choice();
                return switch (block.tag()) {
                    case 0 -> new Data.BlockChunk(block.node("data").octetString());
                    case 1 -> block.empty("eof", new Data.BlockEnd());
                    default -> throw block.unknown("block data");
                };
            }
            default:
                throw choice.unknown("data");
        }
    }
}
