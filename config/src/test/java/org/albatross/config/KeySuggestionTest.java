package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Suggestions are the nearest key up to three typos away, or the same key in another table. */
class KeySuggestionTest {
    private static final List<String> KNOWN = List.of("dbdir", "console.ring-lines", "console.subscribers");

    @Test
    void aKeyUpToThreeTyposAwayIsSuggestedWhateverTheLengths() {
        assertThat(KeySuggestion.closest("dbdirxyz", KNOWN)).contains("dbdir");
        assertThat(KeySuggestion.closest("db", KNOWN)).contains("dbdir");
        assertThat(KeySuggestion.closest("ring-line", KNOWN)).contains("console.ring-lines");
    }

    /** Found by ConfigLoaderFuzzTest: each long unknown key was measured against every key, in full. */
    @Test
    void aLongUnknownKeyHasNoSuggestion() {
        assertThat(KeySuggestion.closest("dbdir".repeat(1000), KNOWN)).isEmpty();
        assertThat(KeySuggestion.closest("console." + "x".repeat(5000), KNOWN)).isEmpty();
    }
}
