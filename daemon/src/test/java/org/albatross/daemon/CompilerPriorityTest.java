package org.albatross.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerPriorityTest {
    /** A /proc/PID/stat line of a thread named {@code name} at {@code nice}, as Linux 6.1 writes it. */
    private static String stat(String name, int nice) {
        return "4242 (" + name + ") S 1 4200 4200 0 -1 4194624 1270 0 0 0 9 2 0 0 " + (20 + nice) + " " + nice
                + " 23 0 8803641 2147483648 9000 18446744073709551615 1 1 0 0 0 0 0 4096 17930 0 0 0 -1 1 0 0 0 0 0"
                + " 0 0 0 0 0 0 0\n";
    }

    @Test
    void aCompilerThreadBelowTheNormalPriorityIsLowered() {
        assertThat(CompilerPriority.isLoweredCompiler(stat("C1 CompilerThre", 19))).isTrue();
        assertThat(CompilerPriority.isLoweredCompiler(stat("Sweeper thread", 19))).isTrue();
        assertThat(CompilerPriority.isLoweredCompiler(stat("C2 CompilerThre", 1))).isTrue();
    }

    @Test
    void aCompilerThreadAtTheNormalPriorityOrAnyOtherThreadIsNot() {
        assertThat(CompilerPriority.isLoweredCompiler(stat("C1 CompilerThre", 0))).isFalse();
        assertThat(CompilerPriority.isLoweredCompiler(stat("albatross-state", 19))).isFalse();
        assertThat(CompilerPriority.isLoweredCompiler(stat("java", 19))).isFalse();
    }

    @Test
    void aNameWithParenthesesAndSpacesIsReadWhole() {
        assertThat(CompilerPriority.isLoweredCompiler(stat("x) 1 2 (C1 CompilerThre", 19))).isFalse();
        assertThat(CompilerPriority.isLoweredCompiler(stat("C1 CompilerThre) (x", 19))).isTrue();
    }
}
