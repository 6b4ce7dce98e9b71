package org.albatross.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The known key an unknown one was probably meant to be: a typo away, or the same key in another table. */
final class KeySuggestion {
    private static final int MAX_TYPOS = 3;

    private KeySuggestion() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        String leaf = leaf(unknown);
        return known.stream()
                .filter(key -> isWithin(unknown, key, MAX_TYPOS) || isWithin(leaf, leaf(key), 1))
                .min(Comparator.comparingInt((String key) -> distance(unknown, key)).thenComparing(key -> key));
    }

    /**
     * Whether the strings are at most {@code edits} apart. The distance is at least the difference in length, which
     * rules most keys out unmeasured: measuring every key made a file of long unknown keys take seconds (found by
     * ConfigLoaderFuzzTest).
     */
    private static boolean isWithin(String a, String b, int edits) {
        return Math.abs(a.length() - b.length()) <= edits && distance(a, b) <= edits;
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
