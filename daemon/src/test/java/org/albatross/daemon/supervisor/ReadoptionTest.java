package org.albatross.daemon.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.vmm.ExitEncoding;
import org.albatross.vmm.MonitorRecord;
import org.albatross.vmm.ExitStatus;
import org.junit.jupiter.api.Test;

class ReadoptionTest {
    private static final Octets IMAGE = Octets.ofHex("00112233");
    private static final MonitorRecord RECORD = new MonitorRecord(4242, Instant.parse("2026-11-25T01:02:03.456Z"),
            "QemuAdapter", ExitEncoding.QEMU_DEBUG_EXIT, IMAGE,
            List.of(new UnikernelInfo.Network("service", "tap3", MacAddress.parse("00:80:41:aa:bb:cc"))),
            List.of(List.of("bhyvectl", "--destroy", "--vm=a b")));

    @Test
    void aRunningTenderIsAdopted() {
        assertThat(Readoption.decide(Optional.of(RECORD), IMAGE, true, OptionalInt.empty()))
                .isEqualTo(new Readoption.Adopt(RECORD));
    }

    @Test
    void aRecordedExitWinsAndReadsThroughTheAdaptersEncodingWithoutSignalsSent() {
        Readoption decision = Readoption.decide(Optional.of(RECORD), IMAGE, false, OptionalInt.of(7 << 1 | 1));

        assertThat(decision).isEqualTo(new Readoption.EndedWhileAway(RECORD, 15));
        assertThat(((Readoption.EndedWhileAway) decision).status()).isEqualTo(new ExitStatus.Exited(7));
    }

    @Test
    void aTenderKilledByASignalReadsAsItsExitCode() {
        MonitorRecord direct = new MonitorRecord(1, Instant.EPOCH, "Solo5Adapter", ExitEncoding.DIRECT, IMAGE,
                List.of(), List.of());

        assertThat(new Readoption.EndedWhileAway(direct, 128 + 15).status()).isEqualTo(new ExitStatus.Exited(143));
    }

    @Test
    void aTenderGoneWithoutExitStartsAgain() {
        assertThat(Readoption.decide(Optional.of(RECORD), IMAGE, false, OptionalInt.empty()))
                .isInstanceOfSatisfying(Readoption.StartAgain.class, again -> assertThat(again.reason())
                        .contains("process 4242 is gone"));
    }

    @Test
    void aRecordWrittenBeforeTheMonitorStartedWithNoPidFileBehindItStartsAgain() {
        MonitorRecord planned = new MonitorRecord(MonitorRecord.NOT_YET_STARTED, Instant.EPOCH,
                RECORD.adapter(), RECORD.encoding(), IMAGE, List.of(), List.of());

        assertThat(Readoption.decide(Optional.of(planned), IMAGE, false, OptionalInt.empty()))
                .isInstanceOfSatisfying(Readoption.StartAgain.class, again -> assertThat(again.reason())
                        .contains("had not started the tender"));
        assertThat(Readoption.decide(Optional.of(planned.startedAs(4242, RECORD.started())), IMAGE, true,
                OptionalInt.empty())).as("completed from the monitor's pid file").isInstanceOf(Readoption.Adopt.class);
    }

    @Test
    void noRecordOrAnotherImageStartsAgain() {
        assertThat(Readoption.decide(Optional.empty(), IMAGE, false, OptionalInt.empty()))
                .isInstanceOf(Readoption.StartAgain.class);
        assertThat(Readoption.decide(Optional.of(RECORD), Octets.ofHex("ff"), true, OptionalInt.empty()))
                .isInstanceOfSatisfying(Readoption.StartAgain.class, again -> assertThat(again.reason())
                        .contains("another image"));
    }

}
