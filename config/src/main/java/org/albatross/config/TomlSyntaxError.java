package org.albatross.config;

/** Text that is not TOML, at a line and column (both from 1). */
final class TomlSyntaxError extends Exception {
    private final int line;
    private final int column;

    TomlSyntaxError(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
