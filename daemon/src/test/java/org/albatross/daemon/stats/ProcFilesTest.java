package org.albatross.daemon.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.albatross.protocol.Statistics;
import org.junit.jupiter.api.Test;

/** /proc/PID files as Linux writes them, read into albatross's getrusage and kinfo_mem as albatross-stats does. */
class ProcFilesTest {
    /** comm with a space and a parenthesis; utime 1234 and stime 56 ticks, vsize 1 GiB, 2500 resident pages. */
    static final String STAT = "4242 (qemu (x86) 64) S 1 4242 4242 0 -1 4194560 7001 0 3 0 1234 56 0 0 20 0 3 0 "
            + "12345 1073741824 2500 18446744073709551615 1 1 0 0 0 0 0 4096 17987 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0"
            + " 0";
    static final String STATM = "262144 2500 900 120 0 40000 0\n";
    static final String STATUS = """
            Name:\tqemu-system-x86
            VmHWM:\t   10500 kB
            VmRSS:\t   10000 kB
            voluntary_ctxt_switches:\t77
            nonvoluntary_ctxt_switches:\t5
            """;
    static final String IO = "rchar: 1\nwchar: 2\nread_bytes: 4096\nwrite_bytes: 1024\n";
    private static final Instant STARTED = Instant.parse("2026-11-25T00:00:00.250Z");

    @Test
    void statStatmStatusAndIoBecomeRusageAndKinfoMem() throws MalformedProcFile {
        ProcFiles.ProcessUsage usage = new ProcFiles(STAT, STATM, STATUS, IO).usage(STARTED);

        Statistics.ResourceUsage rusage = usage.rusage();
        assertThat(rusage.utime()).isEqualTo(new Statistics.Timeval(12, 340_000));
        assertThat(rusage.stime()).isEqualTo(new Statistics.Timeval(0, 560_000));
        assertThat(rusage.minflt()).isEqualTo(7001);
        assertThat(rusage.majflt()).isEqualTo(3);
        assertThat(rusage.maxrss()).isEqualTo(10500);
        assertThat(rusage.nvcsw()).isEqualTo(77);
        assertThat(rusage.nivcsw()).isEqualTo(5);
        assertThat(rusage.inblock()).isEqualTo(8);
        assertThat(rusage.outblock()).isEqualTo(2);
        Statistics.KinfoMem mem = usage.kinfoMem();
        assertThat(mem.vsize()).isEqualTo(1L << 30);
        assertThat(mem.rss()).isEqualTo(2500);
        assertThat(mem.tsize()).isEqualTo(120);
        assertThat(mem.dsize()).isEqualTo(40000);
        assertThat(mem.runtime()).isEqualTo(12_900_000);
        assertThat(mem.start()).isEqualTo(new Statistics.Timeval(STARTED.getEpochSecond(), 250_000));
        assertThat(usage.residentBytes()).isEqualTo(10000 * 1024);
    }

    @Test
    void anUnreadableIoFileCountsNoBlocks() throws MalformedProcFile {
        Statistics.ResourceUsage rusage = new ProcFiles(STAT, STATM, STATUS, "").usage(STARTED).rusage();

        assertThat(rusage.inblock()).isZero();
        assertThat(rusage.outblock()).isZero();
    }

    @Test
    void thisJvmsOwnFilesRead() throws IOException, MalformedProcFile {
        Path self = Path.of("/proc/self");
        ProcFiles.ProcessUsage usage = new ProcFiles(Files.readString(self.resolve("stat")),
                Files.readString(self.resolve("statm")), Files.readString(self.resolve("status")),
                Files.readString(self.resolve("io"))).usage(STARTED);

        assertThat(usage.residentBytes()).isPositive();
        assertThat(usage.kinfoMem().rss()).isPositive();
        assertThat(usage.rusage().minflt()).isPositive();
    }

    @Test
    void aTruncatedStatLineIsReportedWithWhatIsMissing() {
        assertThatThrownBy(() -> new ProcFiles("4242 (qemu) S 1 2 3", STATM, STATUS, IO).usage(STARTED))
                .isInstanceOf(MalformedProcFile.class).hasMessageContaining("/proc/PID/stat has 6 fields");
        assertThatThrownBy(() -> new ProcFiles("4242 qemu S 1", STATM, STATUS, IO).usage(STARTED))
                .isInstanceOf(MalformedProcFile.class).hasMessageContaining("no \"(comm)\"");
    }

    @Test
    void aStatusWithoutContextSwitchesIsReported() {
        assertThatThrownBy(() -> new ProcFiles(STAT, STATM, "Name:\tqemu\n", IO).usage(STARTED))
                .isInstanceOf(MalformedProcFile.class).hasMessageContaining("voluntary_ctxt_switches");
    }
}
