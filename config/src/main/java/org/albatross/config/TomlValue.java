package org.albatross.config;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value of a TOML document as {@link TomlReader} reads it. {@link #toString} writes it back as TOML, which is how a
 * problem quotes the value it is about.
 */
sealed interface TomlValue {
    /** A string, of any of TOML's four kinds. */
    record Text(String value) implements TomlValue {
        @Override
        public String toString() {
            return quoted(value);
        }
    }

    /**
     * An integer, of any size: TOML's 64-bit limit is left to the key, whose range is narrower anyway and whose
     * message says so.
     */
    record Int(BigInteger value) implements TomlValue {
        Int(long value) {
            this(BigInteger.valueOf(value));
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** A float: no key of the configuration takes one. */
    record Real(double value) implements TomlValue {
        @Override
        public String toString() {
            return Double.isNaN(value) ? "nan" : Double.isInfinite(value) ? (value > 0 ? "inf" : "-inf")
                    : Double.toString(value);
        }
    }

    record Bool(boolean value) implements TomlValue {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** An offset or local date-time, date or time, kept as written: no key of the configuration takes one. */
    record DateTime(String text) implements TomlValue {
        @Override
        public String toString() {
            return text;
        }
    }

    record Array(List<TomlValue> values) implements TomlValue {
        public Array {
            values = List.copyOf(values);
        }

        @Override
        public String toString() {
            return values.stream().map(TomlValue::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A table, its keys in the order of the document. */
    record Table(Map<String, TomlValue> entries) implements TomlValue {
        public Table {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String toString() {
            return entries.entrySet().stream().map(entry -> quotedKey(entry.getKey()) + " = " + entry.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** {@code text} as a TOML basic string: quotes, backslashes and control characters escaped. */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\b' -> quoted.append("\\b");
                case '\t' -> quoted.append("\\t");
                case '\n' -> quoted.append("\\n");
                case '\f' -> quoted.append("\\f");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** A key as written in TOML: bare when it can be. */
    static String quotedKey(String key) {
        return !key.isEmpty() && key.chars().allMatch(TomlReader::isBareKeyChar) ? key : quoted(key);
    }
}
