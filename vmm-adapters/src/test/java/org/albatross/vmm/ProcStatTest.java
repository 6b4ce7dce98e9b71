package org.albatross.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    /** A thread's line as Linux 6.1 writes it: nice 19 (field 19), started 8803641 ticks after boot (field 22). */
    private static final String STAT = "4242 (C1 CompilerThre) S 1 4200 4200 0 -1 4194624 1270 0 0 0 9 2 0 0 39 19 23"
            + " 0 8803641 2147483648 9000 18446744073709551615 1 1 0 0 0 0 0 4096 17930 0 0 0 -1 1 0 0 0 0 0 0 0 0 0 0 0"
            + " 0 0\n";

    @Test
    void readsTheNameAndAFieldByTheNumberProcGivesIt() {
        assertThat(ProcStat.name(STAT)).contains("C1 CompilerThre");
        assertThat(ProcStat.field(STAT, 3)).contains("S");
        assertThat(ProcStat.field(STAT, 19)).contains("19");
        assertThat(ProcStat.field(STAT, 22)).contains("8803641");
        assertThat(ProcStat.field(STAT, 52)).contains("0");
    }

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "4242 (a) 1 2 (b) R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19";

        assertThat(ProcStat.name(stat)).contains("a) 1 2 (b");
        assertThat(ProcStat.field(stat, 3)).contains("R");
        assertThat(ProcStat.field(stat, 22)).contains("19");
    }

    @Test
    void aShortOrNamelessLineHasNoSuchField() {
        assertThat(ProcStat.field("4242 (x) S 1 2", 22)).isEmpty();
        assertThat(ProcStat.field("4242 (x) S 1 2 ", 6)).isEmpty();
        assertThat(ProcStat.field("", 22)).isEmpty();
        assertThat(ProcStat.name("")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.field(STAT, 2));
    }
}
