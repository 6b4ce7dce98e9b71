package org.albatross.config;

import java.util.Locale;
import java.util.Optional;

/**
 * One key of the configuration file, e.g. {@code console.ring-lines}: its type and its default (absent for a key that
 * is unset unless given). Where its value lives in a {@link DaemonConfig} is {@link ConfigSchema}'s to say, both ways.
 */
record ConfigKey<T>(String name, ValueType<T> type, Optional<T> defaultValue) {

    static <T> ConfigKey<T> withDefault(String name, ValueType<T> type, T defaultValue) {
        return new ConfigKey<>(name, type, Optional.of(defaultValue));
    }

    static <T> ConfigKey<T> optional(String name, ValueType<T> type) {
        return new ConfigKey<>(name, type, Optional.empty());
    }

    /**
     * A key is its name, which the schema gives once (ConfigLoader's index of the keys by name refuses a second).
     * Compared as a record, a key would hash its type and its default: a method handle linked for each value type's
     * record on every daemon start, a tenth of its way to ready (docs/performance.md).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigKey<?> key && name.equals(key.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The environment variable that sets this key: {@code ALBATROSS_} then the key in capitals, '.' and '-' as '_'. */
    String environmentVariable() {
        return "ALBATROSS_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The TOML table holding this key, {@code ""} for the top level. */
    String table() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** The key's name inside its table. */
    String leaf() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** This key's line in TOML for its value in {@code values}, or a comment if it is unset. */
    String render(ConfigSchema.Values values) {
        Optional<T> value = values.find(this);
        return value.isPresent() ? leaf() + " = " + type.toToml(value.get()) : "# " + leaf() + " is not set";
    }
}
