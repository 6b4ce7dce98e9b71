package org.albatross.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a TOML 1.0 document into its tables: pure, no I/O. Written here rather than taken from a library because the
 * daemon reads one small file once, and Jackson's TOML module would keep some four hundred classes loaded for the
 * daemon's whole life. Everything TOML allows is read (strings of the four kinds, integers, floats, booleans,
 * date-times, arrays, inline tables, dotted keys, tables and arrays of tables), so that a value no key takes is
 * refused by the key that does not take it, with a message saying what it does take, not as a syntax error.
 */
final class TomlReader {
    /** The literals' patterns, compiled when the first number or date is read, not on every start. */
    private static final class Literals {
        static final Pattern DECIMAL = Pattern.compile("[+-]?(?:0|[1-9](?:_?[0-9])*)");
        static final Pattern HEXADECIMAL = Pattern.compile("0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*");
        static final Pattern OCTAL = Pattern.compile("0o[0-7](?:_?[0-7])*");
        static final Pattern BINARY = Pattern.compile("0b[01](?:_?[01])*");
        static final Pattern FLOAT = Pattern.compile(
                "[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?");
        static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(?:inf|nan)");
        static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        static final Pattern DATE_TIME = Pattern.compile(
                "\\d{4}-\\d{2}-\\d{2}(?:[Tt ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[Zz]|[+-]\\d{2}:\\d{2})?)?"
                        + "|\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?");
    }

    /**
     * How a table came to be, which decides whether a header or a dotted key may define it again. An inline table is
     * a value once read, and nothing extends it.
     */
    private enum Origin { IMPLICIT, HEADER, DOTTED }

    /** A table being read: values, tables and arrays of tables by key. */
    private static final class Node {
        final Map<String, Object> entries = new LinkedHashMap<>();
        Origin origin;

        Node(Origin origin) {
            this.origin = origin;
        }

        TomlValue.Table freeze() {
            Map<String, TomlValue> frozen = new LinkedHashMap<>();
            entries.forEach((key, entry) -> frozen.put(key, frozen(entry)));
            return new TomlValue.Table(frozen);
        }

        @SuppressWarnings("unchecked")
        private static TomlValue frozen(Object entry) {
            if (entry instanceof Node node) {
                return node.freeze();
            }
            if (entry instanceof List<?> tables) {
                return new TomlValue.Array(((List<Node>) tables).stream().<TomlValue>map(Node::freeze).toList());
            }
            return (TomlValue) entry;
        }
    }

    private final String text;
    private int at;

    private TomlReader(String text) {
        this.text = text;
        this.at = text.startsWith("\uFEFF") ? 1 : 0;
    }

    /** The document's root table. */
    static TomlValue.Table read(String text) throws TomlSyntaxError {
        return new TomlReader(text).document();
    }

    static boolean isBareKeyChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private TomlValue.Table document() throws TomlSyntaxError {
        Node root = new Node(Origin.HEADER);
        Node current = root;
        while (!atEnd()) {
            skipWhitespace();
            if (atEnd()) {
                break;
            }
            char c = peek();
            if (c == '[') {
                current = header(root);
            } else if (c != '#' && c != '\n' && c != '\r') {
                keyValue(current);
            }
            endOfLine();
        }
        return root.freeze();
    }

    /** {@code [a.b]} or {@code [[a.b]]}: the table that the following keys go into. */
    @SuppressWarnings("unchecked")
    private Node header(Node root) throws TomlSyntaxError {
        int start = at;
        at++;
        boolean arrayOfTables = peekIs('[');
        if (arrayOfTables) {
            at++;
        }
        skipWhitespace();
        List<String> key = key();
        skipWhitespace();
        expect(']', "a ] to close the table name");
        if (arrayOfTables) {
            expect(']', "]] to close the name of the array of tables");
        }
        Node parent = root;
        for (String part : key.subList(0, key.size() - 1)) {
            parent = descend(parent, part, start, false);
        }
        String last = key.get(key.size() - 1);
        Object existing = parent.entries.get(last);
        if (arrayOfTables) {
            Node table = new Node(Origin.HEADER);
            if (existing == null) {
                parent.entries.put(last, new ArrayList<>(List.of(table)));
            } else if (existing instanceof List<?> tables) {
                ((List<Node>) tables).add(table);
            } else {
                throw error(start, "[[" + dotted(key) + "]] names a value or table that is already defined");
            }
            return table;
        }
        if (existing == null) {
            Node table = new Node(Origin.HEADER);
            parent.entries.put(last, table);
            return table;
        }
        if (existing instanceof Node table && table.origin == Origin.IMPLICIT) {
            table.origin = Origin.HEADER;
            return table;
        }
        throw error(start, "[" + dotted(key) + "] is defined twice, or names a key already defined");
    }

    /** {@code key = value}, the key relative to {@code table}. */
    private void keyValue(Node table) throws TomlSyntaxError {
        int start = at;
        List<String> key = key();
        skipWhitespace();
        expect('=', "= after the key " + dotted(key));
        skipWhitespace();
        TomlValue value = value();
        Node parent = table;
        for (String part : key.subList(0, key.size() - 1)) {
            parent = descend(parent, part, start, true);
            if (parent.origin == Origin.IMPLICIT) {
                parent.origin = Origin.DOTTED;
            }
        }
        String last = key.get(key.size() - 1);
        if (parent.entries.putIfAbsent(last, value) != null) {
            throw error(start, "the key " + dotted(key) + " is defined twice");
        }
    }

    /**
     * The table {@code part} of {@code parent}, made if missing: the last of an array of tables; through a dotted key,
     * never one that a header defined.
     */
    @SuppressWarnings("unchecked")
    private Node descend(Node parent, String part, int start, boolean dottedKey) throws TomlSyntaxError {
        Object existing = parent.entries.get(part);
        if (existing == null) {
            Node table = new Node(Origin.IMPLICIT);
            parent.entries.put(part, table);
            return table;
        }
        if (existing instanceof Node table && !(dottedKey && table.origin == Origin.HEADER)) {
            return table;
        }
        if (existing instanceof List<?> tables && !dottedKey) {
            return ((List<Node>) tables).get(tables.size() - 1);
        }
        throw error(start, part + " is already defined, and cannot be extended here");
    }

    private List<String> key() throws TomlSyntaxError {
        List<String> parts = new ArrayList<>();
        parts.add(simpleKey());
        skipWhitespace();
        while (peekIs('.')) {
            at++;
            skipWhitespace();
            parts.add(simpleKey());
            skipWhitespace();
        }
        return parts;
    }

    private String simpleKey() throws TomlSyntaxError {
        if (peekIs('"')) {
            return basicString();
        }
        if (peekIs('\'')) {
            return literalString();
        }
        int start = at;
        while (!atEnd() && isBareKeyChar(peek())) {
            at++;
        }
        if (start == at) {
            throw error(at, atEnd() ? "a key is missing at the end" : "expected a key, found " + describe(peek()));
        }
        return text.substring(start, at);
    }

    private TomlValue value() throws TomlSyntaxError {
        if (atEnd()) {
            throw error(at, "a value is missing at the end");
        }
        char c = peek();
        if (c == '"') {
            return new TomlValue.Text(text.startsWith("\"\"\"", at) ? multiLineString('"') : basicString());
        }
        if (c == '\'') {
            return new TomlValue.Text(text.startsWith("'''", at) ? multiLineString('\'') : literalString());
        }
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            return inlineTable();
        }
        return bareValue();
    }

    private TomlValue.Array array() throws TomlSyntaxError {
        at++;
        List<TomlValue> values = new ArrayList<>();
        while (true) {
            skipWhitespaceCommentsAndNewlines();
            if (peekIs(']')) {
                at++;
                return new TomlValue.Array(values);
            }
            values.add(value());
            skipWhitespaceCommentsAndNewlines();
            if (peekIs(',')) {
                at++;
            } else if (!peekIs(']')) {
                throw error(at, "expected , or ] in an array" + found());
            }
        }
    }

    private TomlValue.Table inlineTable() throws TomlSyntaxError {
        at++;
        Node table = new Node(Origin.HEADER);
        skipWhitespace();
        if (peekIs('}')) {
            at++;
            return table.freeze();
        }
        while (true) {
            skipWhitespace();
            keyValue(table);
            skipWhitespace();
            if (peekIs('}')) {
                at++;
                return table.freeze();
            }
            expect(',', ", or } in an inline table (which stays on one line)");
        }
    }

    /** A number, a boolean or a date-time. */
    private TomlValue bareValue() throws TomlSyntaxError {
        int start = at;
        while (!atEnd() && isBareValueChar(peek())) {
            at++;
        }
        if (Literals.DATE.matcher(text.substring(start, at)).matches() && text.startsWith(" ", at)
                && at + 2 < text.length() && Character.isDigit(text.charAt(at + 1))
                && Character.isDigit(text.charAt(at + 2))) {
            at++;
            while (!atEnd() && isBareValueChar(peek())) {
                at++;
            }
        }
        String token = text.substring(start, at);
        if (token.isEmpty()) {
            throw error(start, "expected a value" + found());
        }
        if (token.equals("true") || token.equals("false")) {
            return new TomlValue.Bool(token.equals("true"));
        }
        if (Literals.DECIMAL.matcher(token).matches()) {
            return new TomlValue.Int(new BigInteger(token.replace("_", "")));
        }
        for (Pattern radix : new Pattern[] {Literals.HEXADECIMAL, Literals.OCTAL, Literals.BINARY}) {
            if (radix.matcher(token).matches()) {
                return new TomlValue.Int(new BigInteger(token.substring(2).replace("_", ""),
                        radix == Literals.HEXADECIMAL ? 16 : radix == Literals.OCTAL ? 8 : 2));
            }
        }
        if (Literals.SPECIAL_FLOAT.matcher(token).matches()) {
            double value = token.endsWith("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
            return new TomlValue.Real(token.startsWith("-") ? -value : value);
        }
        if (Literals.FLOAT.matcher(token).matches()) {
            return new TomlValue.Real(Double.parseDouble(token.replace("_", "")));
        }
        if (Literals.DATE_TIME.matcher(token).matches()) {
            return new TomlValue.DateTime(token);
        }
        throw error(start, token + " is not a TOML value (a string needs quotes)");
    }

    private static boolean isBareValueChar(char c) {
        return isBareKeyChar(c) || c == '+' || c == '.' || c == ':';
    }

    private String basicString() throws TomlSyntaxError {
        int start = at;
        at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd() || peek() == '\n' || peek() == '\r') {
                throw error(start, "a string is not closed on its line (use \"\"\" for one over several lines)");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(allowed(c, false));
            }
        }
    }

    private String literalString() throws TomlSyntaxError {
        int start = at;
        at++;
        int end = text.indexOf('\'', at);
        int newline = text.indexOf('\n', at);
        if (end < 0 || newline >= 0 && newline < end) {
            throw error(start, "a string is not closed on its line (use ''' for one over several lines)");
        }
        StringBuilder value = new StringBuilder(end - at);
        for (; at < end; at++) {
            value.append(allowed(peek(), false));
        }
        at++;
        return value.toString();
    }

    /**
     * A {@code """} or {@code '''} string: newlines kept (CRLF read as LF) but the one right after the opening
     * quotes; escapes and line-ending backslashes in a basic ({@code """}) one only.
     */
    private String multiLineString(char quote) throws TomlSyntaxError {
        int start = at;
        String delimiter = String.valueOf(quote).repeat(3);
        at += delimiter.length();
        skipNewline();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error(start, "a " + delimiter + " string is not closed");
            }
            if (text.startsWith(delimiter, at)) {
                return value.append(closingQuotes(quote)).toString();
            }
            char c = text.charAt(at++);
            if (c == '\\' && quote == '"') {
                if (!lineEndingBackslash()) {
                    escape(value);
                }
            } else if (c == '\r') {
                expectNewlineAfterCarriageReturn();
                value.append('\n');
            } else {
                value.append(allowed(c, true));
            }
        }
    }

    /** At a closing delimiter: up to two more quotes before it belong to the string. */
    private String closingQuotes(char quote) {
        int run = 0;
        while (at + run < text.length() && text.charAt(at + run) == quote) {
            run++;
        }
        int inString = Math.min(run - 3, 2);
        at += inString + 3;
        return String.valueOf(quote).repeat(inString);
    }

    /** After a backslash in a {@code """} string: true if it ends its line, which is then joined to the next. */
    private boolean lineEndingBackslash() {
        int after = at;
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        if (after < text.length() && (text.charAt(after) == '\n' || text.startsWith("\r\n", after))) {
            at = after;
            while (!atEnd() && " \t\r\n".indexOf(peek()) >= 0) {
                at++;
            }
            return true;
        }
        return false;
    }

    private void escape(StringBuilder value) throws TomlSyntaxError {
        int start = at - 1;
        if (atEnd()) {
            throw error(start, "a string ends in a lone backslash");
        }
        char c = text.charAt(at++);
        switch (c) {
            case 'b' -> value.append('\b');
            case 't' -> value.append('\t');
            case 'n' -> value.append('\n');
            case 'f' -> value.append('\f');
            case 'r' -> value.append('\r');
            case '"' -> value.append('"');
            case '\\' -> value.append('\\');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                String hex = at + digits <= text.length() ? text.substring(at, at + digits) : "";
                int codePoint = hex.length() == digits && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)
                        ? (int) Long.parseLong(hex, 16) : -1;
                if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT
                        || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                    throw error(start, "\\" + c + " must be followed by " + digits
                            + " hex digits of a Unicode scalar value");
                }
                at += digits;
                value.appendCodePoint(codePoint);
            }
            default -> throw error(start, "\\" + c + " is not an escape TOML knows (\\b \\t \\n \\f \\r \\\" \\\\ \\u \\U)");
        }
    }

    /** A character of a string: control characters other than tab (and newline in multi-line strings) are not. */
    private char allowed(char c, boolean multiLine) throws TomlSyntaxError {
        if (c < 0x20 && c != '\t' && !(multiLine && c == '\n') || c == 0x7f) {
            throw error(at - 1, "a control character (" + describe(c) + ") in a string: write it as an escape");
        }
        return c;
    }

    private void skipNewline() throws TomlSyntaxError {
        if (peekIs('\n')) {
            at++;
        } else if (peekIs('\r')) {
            at++;
            expectNewlineAfterCarriageReturn();
        }
    }

    private void expectNewlineAfterCarriageReturn() throws TomlSyntaxError {
        if (!peekIs('\n')) {
            throw error(at - 1, "a carriage return that does not end a line");
        }
        at++;
    }

    /** Whitespace, an optional comment, then a newline or the end of the document. */
    private void endOfLine() throws TomlSyntaxError {
        skipWhitespace();
        if (peekIs('#')) {
            skipComment();
        }
        if (atEnd()) {
            return;
        }
        if (peekIs('\r')) {
            at++;
            expectNewlineAfterCarriageReturn();
        } else if (peekIs('\n')) {
            at++;
        } else {
            throw error(at, "expected the end of the line" + found());
        }
    }

    private void skipComment() throws TomlSyntaxError {
        while (!atEnd() && peek() != '\n' && peek() != '\r') {
            char c = peek();
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw error(at, "a control character (" + describe(c) + ") in a comment");
            }
            at++;
        }
    }

    private void skipWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            at++;
        }
    }

    private void skipWhitespaceCommentsAndNewlines() throws TomlSyntaxError {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n') {
                at++;
            } else if (c == '\r') {
                at++;
                expectNewlineAfterCarriageReturn();
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void expect(char c, String what) throws TomlSyntaxError {
        if (!peekIs(c)) {
            throw error(at, "expected " + what + found());
        }
        at++;
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char peek() {
        return text.charAt(at);
    }

    private boolean peekIs(char c) {
        return !atEnd() && peek() == c;
    }

    private String found() {
        return atEnd() ? ", found the end of the file" : ", found " + describe(peek());
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n', '\r' -> "the end of the line";
            case '\t' -> "a tab";
            default -> c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
        };
    }

    private static String dotted(List<String> key) {
        return String.join(".", key.stream().map(TomlValue::quotedKey).toList());
    }

    private TomlSyntaxError error(int position, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TomlSyntaxError(line, position - lineStart + 1, message);
    }
}
