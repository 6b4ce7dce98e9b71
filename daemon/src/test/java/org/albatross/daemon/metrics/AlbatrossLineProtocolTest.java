package org.albatross.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.albatross.daemon.stats.Samples;
import org.junit.jupiter.api.Test;

/** albatross's measurements, field by field as albatross-influx writes them (daemon/albatross_influx.ml). */
class AlbatrossLineProtocolTest {
    private static final Instant NOW = Samples.STARTED.plusSeconds(60);

    @Test
    void aSampleIsResourceUsageKinfoMemAndOneInterfaceLine() {
        List<String> lines = AlbatrossLineProtocol.lines(Samples.of("acme:web", 3), NOW);

        long nanos = NOW.getEpochSecond() * 1_000_000_000L;
        assertThat(lines).containsExactly(
                "resource_usage,vm=acme:web utime=3.500000,stime=3.500000,maxrss=3i,ixrss=0i,idrss=0i,isrss=0i,"
                        + "minflt=3i,maxflt=3i,nswap=0i,inblock=0i,outblock=0i,msgsnd=0i,msgrcv=0i,nsignals=0i,"
                        + "nvcsw=3i,nivcsw=3i " + nanos,
                "kinfo_mem,vm=acme:web vsize=3i,rss=3i,tsize=3i,dsize=3i,ssize=3i,cow_faults=0i,runtime=3i,"
                        + "uptime=60.0 " + nanos,
                "interface,vm=acme:web,bridge=service send_queue_length=0i,max_send_queue_length=0i,"
                        + "send_queue_drops=0i,mtu=1500i,baudrate=0i,vm_to_host_packets=3i,vm_to_host_errors=3i,"
                        + "vm_to_host_bytes=3i,vm_to_host_mcast=0i,vm_to_host_dropped=3i,collisions=0i,"
                        + "host_to_vm_packets=3i,host_to_vm_errors=3i,host_to_vm_bytes=3i,host_to_vm_mcast=0i,"
                        + "host_to_vm_dropped=3i " + nanos);
    }

    @Test
    void tagValuesEscapeCommasEqualSignsAndSpaces() {
        assertThat(AlbatrossLineProtocol.escapeTag("a b,c=d")).isEqualTo("a\\ b\\,c\\=d");
    }
}
