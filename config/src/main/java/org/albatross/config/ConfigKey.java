package org.albatross.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One key of the configuration file, e.g. {@code console.ring-lines}: its type, its default (absent for a key that is
 * unset unless given) and where its value lives in a {@link DaemonConfig}.
 */
record ConfigKey<T>(String name, ValueType<T> type, Optional<T> defaultValue,
        Function<DaemonConfig, Optional<T>> getter) {

    static <T> ConfigKey<T> withDefault(String name, ValueType<T> type, T defaultValue,
            Function<DaemonConfig, T> getter) {
        return new ConfigKey<>(name, type, Optional.of(defaultValue), getter.andThen(Optional::of));
    }

    static <T> ConfigKey<T> optional(String name, ValueType<T> type, Function<DaemonConfig, Optional<T>> getter) {
        return new ConfigKey<>(name, type, Optional.empty(), getter);
    }

    /**
     * A key is its name, which the schema gives once (ConfigLoader's index of the keys by name refuses a second).
     * Compared as a record, a key would hash its type, its default and its getter: a method handle linked for each
     * value type's record on every daemon start, a tenth of its way to ready (docs/performance.md).
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

    /** This key's line in TOML for the value it has in {@code config}, or a comment if it is unset. */
    String render(DaemonConfig config) {
        return getter.apply(config)
                .map(value -> leaf() + " = " + type.toToml(value))
                .orElse("# " + leaf() + " is not set");
    }
}
