package org.albatross.protocol.codec;

import java.util.Optional;
import org.albatross.protocol.Statistics;
import org.albatross.protocol.Statistics.InterfaceData;
import org.albatross.protocol.Statistics.KinfoMem;
import org.albatross.protocol.Statistics.ResourceUsage;
import org.albatross.protocol.Statistics.Timeval;
import org.albatross.protocol.Statistics.VmmCounter;
import org.albatross.protocol.StatsCommand;

/**
 * The statistics commands and samples. Field orders follow albatross's vmm_asn.ml: {@code Statistics ::=
 * SEQUENCE { rusage, ifdata SEQUENCE OF IfData, vmm [0] SEQUENCE OF { key, int64 } OPTIONAL,
 * kinfo-mem [1] IMPLICIT KinfoMem OPTIONAL }}, KinfoMem = 6 int64s, cow INTEGER, start Timeval.
 */
final class StatsCodec {
    private StatsCodec() {
    }

    static DerValue encode(StatsCommand command) {
        if (command instanceof StatsCommand.Add add) {
            return Der.explicit(0, Der.sequence(
                    Der.utf8(add.vmmDevice()),
                    Der.integer(add.pid()),
                    Der.sequenceOf(add.taps(), tap -> Der.sequence(Der.utf8(tap.bridge()), Der.utf8(tap.tap())))));
        }
        if (command instanceof StatsCommand.Remove) {
            return Der.explicitNull(1);
        }
        if (command instanceof StatsCommand.Subscribe) {
            return Der.explicitNull(2);
        }
        if (command instanceof StatsCommand.Initial) {
            return Der.explicitNull(3);
        }
        throw Der.unencodable(command);
    }

    static StatsCommand decode(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> {
                Fields fields = choice.node("add").sequence();
                String vmmDevice = fields.required("vmmdev").utf8();
                int pid = fields.required("pid").nonNegativeInt();
                var taps = fields.required("taps").sequenceOf(StatsCodec::decodeTap);
                fields.end();
                yield new StatsCommand.Add(vmmDevice, pid, taps);
            }
            case 1 -> choice.empty("remove", new StatsCommand.Remove());
            case 2 -> choice.empty("subscribe", new StatsCommand.Subscribe());
            case 3 -> choice.empty("initial", new StatsCommand.Initial());
            default -> throw choice.unknown("statistics command");
        };
    }

    private static StatsCommand.Tap decodeTap(Node node) {
        Fields fields = node.sequence();
        StatsCommand.Tap tap = new StatsCommand.Tap(fields.required("bridge").utf8(), fields.required("tap").utf8());
        fields.end();
        return tap;
    }

    static DerValue encode(Statistics statistics) {
        return Der.sequenceOfPresent(
                Optional.of(encode(statistics.rusage())),
                Optional.of(Der.sequenceOf(statistics.interfaces(), StatsCodec::encode)),
                statistics.vmm().map(counters -> Der.explicit(0, Der.sequenceOf(counters,
                        counter -> Der.sequence(Der.utf8(counter.key()), Der.int64(counter.value()))))),
                statistics.kinfoMem().map(kinfo -> Der.implicit(1, encode(kinfo))));
    }

    static Statistics decodeStatistics(Node node) {
        Fields fields = node.sequence();
        ResourceUsage rusage = decodeRusage(fields.required("rusage"));
        var interfaces = fields.required("ifdata").sequenceOf(StatsCodec::decodeInterface);
        var vmm = fields.optionalExplicit("vmm", 0).map(counters -> counters.sequenceOf(StatsCodec::decodeCounter));
        var kinfo = fields.optionalTagged("kinfo-mem", 1).map(StatsCodec::decodeKinfo);
        fields.end();
        return new Statistics(rusage, interfaces, vmm, kinfo);
    }

    private static VmmCounter decodeCounter(Node node) {
        Fields fields = node.sequence();
        VmmCounter counter = new VmmCounter(fields.required("key").utf8(), fields.required("value").int64());
        fields.end();
        return counter;
    }

    private static DerValue encode(Timeval timeval) {
        return Der.sequence(Der.int64(timeval.seconds()), Der.integer(timeval.microseconds()));
    }

    private static Timeval decodeTimeval(Node node) {
        Fields fields = node.sequence();
        Timeval timeval = new Timeval(fields.required("seconds").int64(), fields.required("microseconds").int32());
        fields.end();
        return timeval;
    }

    private static DerValue encode(ResourceUsage ru) {
        return Der.sequence(encode(ru.utime()), encode(ru.stime()), Der.int64(ru.maxrss()), Der.int64(ru.ixrss()),
                Der.int64(ru.idrss()), Der.int64(ru.isrss()), Der.int64(ru.minflt()), Der.int64(ru.majflt()),
                Der.int64(ru.nswap()), Der.int64(ru.inblock()), Der.int64(ru.outblock()), Der.int64(ru.msgsnd()),
                Der.int64(ru.msgrcv()), Der.int64(ru.nsignals()), Der.int64(ru.nvcsw()), Der.int64(ru.nivcsw()));
    }

    private static ResourceUsage decodeRusage(Node node) {
        Fields f = node.sequence();
        ResourceUsage ru = new ResourceUsage(decodeTimeval(f.required("utime")), decodeTimeval(f.required("stime")),
                f.required("maxrss").int64(), f.required("ixrss").int64(), f.required("idrss").int64(),
                f.required("isrss").int64(), f.required("minflt").int64(), f.required("majflt").int64(),
                f.required("nswap").int64(), f.required("inblock").int64(), f.required("outblock").int64(),
                f.required("msgsnd").int64(), f.required("msgrcv").int64(), f.required("nsignals").int64(),
                f.required("nvcsw").int64(), f.required("nivcsw").int64());
        f.end();
        return ru;
    }

    private static DerValue encode(KinfoMem kinfo) {
        return Der.sequence(Der.int64(kinfo.vsize()), Der.int64(kinfo.rss()), Der.int64(kinfo.tsize()),
                Der.int64(kinfo.dsize()), Der.int64(kinfo.ssize()), Der.int64(kinfo.runtime()),
                Der.integer(kinfo.cow()), encode(kinfo.start()));
    }

    private static KinfoMem decodeKinfo(Node tagged) {
        Node node = tagged.implicitSequence();
        Fields f = node.sequence();
        KinfoMem kinfo = new KinfoMem(f.required("vsize").int64(), f.required("rss").int64(),
                f.required("tsize").int64(), f.required("dsize").int64(), f.required("ssize").int64(),
                f.required("runtime").int64(), f.required("cow").int32(), decodeTimeval(f.required("start")));
        f.end();
        return kinfo;
    }

    private static DerValue encode(InterfaceData i) {
        return Der.sequence(Der.utf8(i.bridge()), Der.integer(i.flags()), Der.integer(i.sendLength()),
                Der.integer(i.maxSendLength()), Der.integer(i.sendDrops()), Der.integer(i.mtu()),
                Der.int64(i.baudrate()), Der.int64(i.inputPackets()), Der.int64(i.inputErrors()),
                Der.int64(i.outputPackets()), Der.int64(i.outputErrors()), Der.int64(i.collisions()),
                Der.int64(i.inputBytes()), Der.int64(i.outputBytes()), Der.int64(i.inputMulticast()),
                Der.int64(i.outputMulticast()), Der.int64(i.inputDropped()), Der.int64(i.outputDropped()));
    }

    private static InterfaceData decodeInterface(Node node) {
        Fields f = node.sequence();
        InterfaceData data = new InterfaceData(f.required("bridge").utf8(), f.required("flags").int32(),
                f.required("send-length").int32(), f.required("max-send-length").int32(),
                f.required("send-drops").int32(), f.required("mtu").int32(), f.required("baudrate").int64(),
                f.required("input-packets").int64(), f.required("input-errors").int64(),
                f.required("output-packets").int64(), f.required("output-errors").int64(),
                f.required("collisions").int64(), f.required("input-bytes").int64(),
                f.required("output-bytes").int64(), f.required("input-mcast").int64(),
                f.required("output-mcast").int64(), f.required("input-dropped").int64(),
                f.required("output-dropped").int64());
        f.end();
        return data;
    }
}
