package org.albatross.daemon.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.stats.Sample;
import org.albatross.protocol.Statistics;

/**
 * A sample in albatross's own InfluxDB measurements ({@code resource_usage}, {@code kinfo_mem}, {@code interface}
 * with tags {@code vm} and {@code bridge}, {@code vmm}), field by field as albatross-influx writes them, so that
 * dashboards made for albatross keep working. Pure: lines in InfluxDB's line protocol.
 */
final class AlbatrossLineProtocol {
    private AlbatrossLineProtocol() {
    }

    /** The lines of one sample, stamped {@code now} (nanoseconds). */
    static List<String> lines(Sample sample, Instant now) {
        String vm = escapeTag(sample.unikernel().name().toString());
        String time = " " + (now.getEpochSecond() * 1_000_000_000L + now.getNano());
        Statistics statistics = sample.statistics();
        Statistics.ResourceUsage ru = statistics.rusage();
        List<String> lines = new ArrayList<>();
        lines.add("resource_usage,vm=" + vm + " utime=" + timeval(ru.utime()) + ",stime=" + timeval(ru.stime())
                + ",maxrss=" + ru.maxrss() + "i,ixrss=" + ru.ixrss() + "i,idrss=" + ru.idrss() + "i,isrss="
                + ru.isrss() + "i,minflt=" + ru.minflt() + "i,maxflt=" + ru.majflt() + "i,nswap=" + ru.nswap()
                + "i,inblock=" + ru.inblock() + "i,outblock=" + ru.outblock() + "i,msgsnd=" + ru.msgsnd()
                + "i,msgrcv=" + ru.msgrcv() + "i,nsignals=" + ru.nsignals() + "i,nvcsw=" + ru.nvcsw() + "i,nivcsw="
                + ru.nivcsw() + "i" + time);
        statistics.kinfoMem().ifPresent(mem -> lines.add("kinfo_mem,vm=" + vm + " vsize=" + mem.vsize() + "i,rss="
                + mem.rss() + "i,tsize=" + mem.tsize() + "i,dsize=" + mem.dsize() + "i,ssize=" + mem.ssize()
                + "i,cow_faults=" + mem.cow() + "i,runtime=" + mem.runtime() + "i,uptime="
                + (now.getEpochSecond() - mem.start().seconds() + (now.getNano() / 1000 - mem.start().microseconds())
                / 1e6) + time));
        for (Statistics.InterfaceData data : statistics.interfaces()) {
            lines.add("interface,vm=" + vm + ",bridge=" + escapeTag(data.bridge()) + " send_queue_length="
                    + data.sendLength() + "i,max_send_queue_length=" + data.maxSendLength() + "i,send_queue_drops="
                    + data.sendDrops() + "i,mtu=" + data.mtu() + "i,baudrate=" + data.baudrate()
                    + "i,vm_to_host_packets=" + data.inputPackets() + "i,vm_to_host_errors=" + data.inputErrors()
                    + "i,vm_to_host_bytes=" + data.inputBytes() + "i,vm_to_host_mcast=" + data.inputMulticast()
                    + "i,vm_to_host_dropped=" + data.inputDropped() + "i,collisions=" + data.collisions()
                    + "i,host_to_vm_packets=" + data.outputPackets() + "i,host_to_vm_errors=" + data.outputErrors()
                    + "i,host_to_vm_bytes=" + data.outputBytes() + "i,host_to_vm_mcast=" + data.outputMulticast()
                    + "i,host_to_vm_dropped=" + data.outputDropped() + "i" + time);
        }
        statistics.vmm().filter(counters -> !counters.isEmpty()).ifPresent(counters -> lines.add("vmm,vm=" + vm + " "
                + String.join(",", counters.stream().map(counter -> escapeTag(counter.key()) + "=" + counter.value()
                + "i").toList()) + time));
        return lines;
    }

    private static String timeval(Statistics.Timeval time) {
        return time.seconds() + "." + String.format("%06d", time.microseconds());
    }

    /** Tag keys, tag values and field keys escape commas, equal signs and spaces. */
    static String escapeTag(String text) {
        return text.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }
}
