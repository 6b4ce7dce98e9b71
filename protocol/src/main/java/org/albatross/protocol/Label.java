package org.albatross.protocol;

/**
 * One component of a name: 1 to 63 characters of {@code [a-zA-Z0-9.-]}, not starting with {@code -}, and neither
 * {@code .} nor {@code ..}.
 * Albatross compares labels lower-cased, so a label is normalised to lower case when it is made.
 */
public record Label(String value) implements Comparable<Label> {
    public static final int MAX_LENGTH = 63;

    public Label {
        value = normalise(value);
    }

    public static Label of(String value) {
        return new Label(value);
    }

    private static String normalise(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidName("invalid label \"\": a label has 1 to " + MAX_LENGTH + " characters");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidName("invalid label \"" + value + "\": " + value.length()
                    + " characters, at most " + MAX_LENGTH + " allowed");
        }
        if (value.equals(".") || value.equals("..")) {
            // Stricter than albatross: a name becomes a file name (a block device, a run directory), where "." and
            // ".." would be the directory itself or its parent.
            throw new InvalidName("invalid label \"" + value + "\": \"" + value + "\" is a directory's name in"
                    + " file paths, not a label");
        }
        if (value.charAt(0) == '-') {
            throw new InvalidName("invalid label \"" + value + "\": must not start with '-'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAllowed(c)) {
                throw new InvalidName("invalid label \"" + value + "\": character '" + c + "' at position " + i
                        + " is not allowed (only letters, digits, '-' and '.')");
            }
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    @Override
    public int compareTo(Label other) {
        return value.compareTo(other.value);
    }

    // equals and hashCode written out, as Header's are, for a client command's start.
    @Override
    public boolean equals(Object other) {
        return other instanceof Label label && value.equals(label.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
