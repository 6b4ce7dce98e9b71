package org.albatross.config;

import static org.albatross.config.ConfigSchema.ADAPTER_SWITCHES;
import static org.albatross.config.ConfigSchema.CONSOLE_RING_LINES;
import static org.albatross.config.ConfigSchema.CONSOLE_SUBSCRIBER_QUEUE;
import static org.albatross.config.ConfigSchema.INFLUX_V1_KEYS;
import static org.albatross.config.ConfigSchema.INFLUX_V2_KEYS;
import static org.albatross.config.ConfigSchema.KEYS;
import static org.albatross.config.ConfigSchema.METRICS_ENABLED;
import static org.albatross.config.ConfigSchema.RESTART_INITIAL_BACKOFF;
import static org.albatross.config.ConfigSchema.RESTART_MAX_BACKOFF;
import static org.albatross.config.ConfigSchema.SOLO5_TENDERS;
import static org.albatross.config.ConfigSchema.TLS_LISTEN;
import static org.albatross.config.ConfigSchema.TLS_MAX_CONNECTIONS;
import static org.albatross.config.ConfigSchema.TLS_MAX_CONNECTIONS_PER_ADDRESS;
import static org.albatross.config.ConfigSchema.TLS_MAX_HANDSHAKES;
import static org.albatross.config.ConfigSchema.TLS_OPTIONAL_KEYS;
import static org.albatross.config.ConfigSchema.TLS_REQUIRED_KEYS;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the daemon's configuration. Each key takes the value of the last source that sets it: its default, the TOML
 * file, the environment ({@code ALBATROSS_<SECTION>_<KEY>}, e.g. {@code ALBATROSS_CONSOLE_RING_LINES}), then the
 * command line ({@code --set console.ring-lines=2048}, and named flags such as {@code --dbdir} that the daemon maps to
 * their key). All problems are reported at once in one {@link ConfigError}. What every start runs is written as plain
 * loops, not streams: it runs once, interpreted, where each pipeline and lambda costs its linking
 * (docs/performance.md).
 */
public final class ConfigLoader {
    /** Where the configuration file is looked for when none is named. */
    public static final Path DEFAULT_FILE = Path.of("/etc/albatross/albatrossd.toml");
    /** The environment variable naming the configuration file, when no {@code --config} flag does. */
    public static final String FILE_VARIABLE = "ALBATROSS_CONFIG";

    private static final String COMMAND_LINE = "command line";
    private static final Map<String, ConfigKey<?>> KEYS_BY_NAME = byName(KEYS);

    private ConfigLoader() {
    }

    /** The keys by name; a name given twice is the schema's mistake. */
    private static Map<String, ConfigKey<?>> byName(List<ConfigKey<?>> keys) {
        Map<String, ConfigKey<?>> byName = new HashMap<>();
        for (ConfigKey<?> key : keys) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalStateException("the configuration key " + key.name() + " is defined twice");
            }
        }
        return byName;
    }

    /**
     * Reads the configuration file, then applies the environment and the command line. The file is {@code file} if
     * given (the {@code --config} flag), else the one named by {@value #FILE_VARIABLE}, else {@link #DEFAULT_FILE};
     * only the default may be missing, in which case the defaults apply.
     *
     * @param environment the process environment ({@code System.getenv()}); unknown {@code ALBATROSS_} variables are
     *     ignored
     * @param overrides key to value, from {@code --set} (see {@link #parseAssignments}) and named flags
     */
    public static DaemonConfig load(Optional<Path> file, Map<String, String> environment,
            Map<String, String> overrides) throws ConfigError {
        Optional<Path> named = file.or(() -> Optional.ofNullable(environment.get(FILE_VARIABLE)).map(Path::of));
        Path path = named.orElse(DEFAULT_FILE);
        String toml;
        try {
            toml = Files.readString(path);
        } catch (NoSuchFileException e) {
            if (named.isPresent()) {
                throw unreadable(path, "it does not exist");
            }
            toml = "";
        } catch (AccessDeniedException e) {
            throw unreadable(path, "permission denied");
        } catch (CharacterCodingException e) {
            throw unreadable(path, "it is not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(path, e.getMessage());
        }
        return parse(toml, path.toString(), environment, overrides);
    }

    /**
     * The configuration from TOML text, the environment and the command line; no I/O.
     *
     * @param source names the TOML text in messages, usually the file's path
     */
    public static DaemonConfig parse(String toml, String source, Map<String, String> environment,
            Map<String, String> overrides) throws ConfigError {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<ConfigKey<?>, Given> given = new LinkedHashMap<>();
        readToml(toml, source, given, problems);
        for (ConfigKey<?> key : KEYS) {
            String variable = key.environmentVariable();
            String value = environment.get(variable);
            if (value != null) {
                given.put(key, Given.text("environment variable " + variable, value));
            }
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            Optional<ConfigKey<?>> key = known(override.getKey(), COMMAND_LINE, problems);
            if (key.isPresent()) {
                given.put(key.get(), Given.text(COMMAND_LINE, override.getValue()));
            }
        }
        Resolution resolution = new Resolution(given, problems);
        resolution.checkTogether();
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return ConfigSchema.build(resolution);
    }

    /**
     * The {@code --set KEY=VALUE} flags as overrides for {@link #load}; a later assignment of a key wins.
     *
     * @throws ConfigError for an assignment without {@code =}
     */
    public static Map<String, String> parseAssignments(List<String> assignments) throws ConfigError {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                problems.add(new ConfigProblem(COMMAND_LINE, "", "--set " + assignment
                        + " is not an assignment: write --set section.key=value, e.g. --set console.ring-lines=2048"));
            } else {
                overrides.put(assignment.substring(0, equals).strip(), assignment.substring(equals + 1));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return overrides;
    }

    private static ConfigError unreadable(Path path, String reason) {
        return new ConfigError(List.of(new ConfigProblem(path.toString(), "",
                "cannot read the configuration file: " + reason)));
    }

    static DaemonConfig fromDefaults() {
        try {
            return parse("", "defaults", Map.of(), Map.of());
        } catch (ConfigError e) {
            throw new IllegalStateException("the defaults are not a valid configuration:\n" + e.getMessage(), e);
        }
    }

    /** A value as a source gave it: TOML typed, or text from the environment or the command line. */
    private record Given(String source, TomlValue value, boolean text) {
        static Given text(String source, String value) {
            return new Given(source, new TomlValue.Text(value), true);
        }
    }

    private static void readToml(String toml, String source, Map<ConfigKey<?>, Given> given,
            List<ConfigProblem> problems) {
        TomlValue.Table root;
        try {
            root = TomlReader.read(toml);
        } catch (TomlSyntaxError e) {
            problems.add(new ConfigProblem(source + ":" + e.line() + ":" + e.column(), "",
                    "TOML syntax error: " + e.getMessage()));
            return;
        }
        readTable(root, "", source, given, problems);
    }

    private static void readTable(TomlValue.Table table, String prefix, String source,
            Map<ConfigKey<?>, Given> given, List<ConfigProblem> problems) {
        table.entries().forEach((field, value) -> {
            String name = prefix + field;
            if (value instanceof TomlValue.Table inner && !KEYS_BY_NAME.containsKey(name)) {
                readTable(inner, name + ".", source, given, problems);
            } else {
                known(name, source, problems).ifPresent(key -> given.put(key, new Given(source, value, false)));
            }
        });
    }

    /** The key of this name, or a problem saying that there is none (with the likely one meant). */
    private static Optional<ConfigKey<?>> known(String name, String source, List<ConfigProblem> problems) {
        ConfigKey<?> key = KEYS_BY_NAME.get(name);
        if (key == null) {
            problems.add(new ConfigProblem(source, name, unknownKey(name)));
        }
        return Optional.ofNullable(key);
    }

    private static String unknownKey(String name) {
        List<String> inTable = KEYS.stream().map(ConfigKey::name).filter(key -> key.startsWith(name + ".")).toList();
        if (!inTable.isEmpty()) {
            return "is a table, not a value: set its keys, e.g. " + inTable.get(0);
        }
        return KeySuggestion.closest(name, KEYS_BY_NAME.keySet())
                .map(suggestion -> "unknown key; did you mean " + suggestion + "?")
                .orElse("unknown key; the keys are listed in docs/configuration.md");
    }

    /** The value of every key, and the problems of the values that are not allowed. */
    private static final class Resolution implements ConfigSchema.Values {
        private final Map<ConfigKey<?>, Given> given;
        private final List<ConfigProblem> problems;
        private final ConfigSchema.KeyValues values = new ConfigSchema.KeyValues();
        private final List<ConfigKey<?>> invalid = new ArrayList<>();

        Resolution(Map<ConfigKey<?>, Given> given, List<ConfigProblem> problems) {
            this.given = given;
            this.problems = problems;
            for (ConfigKey<?> key : KEYS) {
                resolve(key);
            }
        }

        private <T> void resolve(ConfigKey<T> key) {
            Given value = given.get(key);
            if (value == null) {
                values.setIfPresent(key, key.defaultValue());
                return;
            }
            Optional<T> parsed = value.text() ? key.type().fromText(((TomlValue.Text) value.value()).value())
                    : key.type().fromToml(value.value());
            if (parsed.isPresent()) {
                values.set(key, parsed.get());
            } else {
                invalid.add(key);
                problems.add(new ConfigProblem(value.source(), key.name(),
                        value.value() + " is not allowed: must be " + key.type().allowed()));
            }
        }

        @Override
        public <T> Optional<T> find(ConfigKey<T> key) {
            return values.find(key);
        }

        /** Rules that relate several keys; each is checked only when the keys it reads are valid. */
        void checkTogether() {
            if (valid(CONSOLE_RING_LINES, CONSOLE_SUBSCRIBER_QUEUE) && find(CONSOLE_SUBSCRIBER_QUEUE).isPresent()
                    && get(CONSOLE_SUBSCRIBER_QUEUE) > get(CONSOLE_RING_LINES)) {
                problem(CONSOLE_SUBSCRIBER_QUEUE, get(CONSOLE_SUBSCRIBER_QUEUE) + " is not allowed: must not exceed "
                        + CONSOLE_RING_LINES.name() + " (" + get(CONSOLE_RING_LINES) + ")");
            }
            if (valid(RESTART_INITIAL_BACKOFF, RESTART_MAX_BACKOFF)
                    && get(RESTART_INITIAL_BACKOFF).compareTo(get(RESTART_MAX_BACKOFF)) > 0) {
                problem(RESTART_INITIAL_BACKOFF, RESTART_INITIAL_BACKOFF.type().text(get(RESTART_INITIAL_BACKOFF))
                        + " is not allowed: must not exceed " + RESTART_MAX_BACKOFF.name() + " ("
                        + RESTART_MAX_BACKOFF.type().text(get(RESTART_MAX_BACKOFF)) + ")");
            }
            checkTls();
            checkInflux();
            checkTenders();
            if (noneEnabled(ADAPTER_SWITCHES)) {
                problems.add(new ConfigProblem(ADAPTER_SWITCHES.stream().filter(given::containsKey)
                        .map(key -> given.get(key).source()).reduce((first, last) -> last).orElse("defaults"),
                        "adapters", "every adapter is disabled: enable at least one of " + ADAPTER_SWITCHES.stream()
                                .map(ConfigKey::name).collect(Collectors.joining(", "))));
            }
        }

        /** Whether every one of {@code switches} is valid and false. */
        private boolean noneEnabled(List<ConfigKey<Boolean>> switches) {
            for (ConfigKey<Boolean> enabled : switches) {
                if (!valid(enabled) || get(enabled)) {
                    return false;
                }
            }
            return true;
        }

        private void checkTls() {
            if (!valid(TLS_LISTEN)) {
                return;
            }
            if (find(TLS_LISTEN).isPresent()) {
                requireAll(TLS_REQUIRED_KEYS, TLS_LISTEN);
            } else {
                for (List<ConfigKey<?>> keys : List.of(TLS_REQUIRED_KEYS, TLS_OPTIONAL_KEYS)) {
                    for (ConfigKey<?> key : keys) {
                        if (given.containsKey(key)) {
                            problem(key, "is set but " + TLS_LISTEN.name() + " is not: set " + TLS_LISTEN.name()
                                    + " to enable the TLS endpoint, or remove " + key.name());
                        }
                    }
                }
            }
            requireAtMostMaxConnections(TLS_MAX_CONNECTIONS_PER_ADDRESS);
            requireAtMostMaxConnections(TLS_MAX_HANDSHAKES);
        }

        private void requireAtMostMaxConnections(ConfigKey<Integer> limit) {
            if (valid(TLS_MAX_CONNECTIONS, limit) && find(limit).isPresent() && get(limit) > get(TLS_MAX_CONNECTIONS)) {
                problem(limit, get(limit) + " is not allowed: must not exceed " + TLS_MAX_CONNECTIONS.name() + " ("
                        + get(TLS_MAX_CONNECTIONS) + ")");
            }
        }

        /** A tender named for a disabled target would be ignored, which its operator would not notice. */
        private void checkTenders() {
            for (Map.Entry<ConfigKey<Boolean>, ConfigKey<Path>> target : SOLO5_TENDERS.entrySet()) {
                ConfigKey<Boolean> enabled = target.getKey();
                ConfigKey<Path> tender = target.getValue();
                if (valid(enabled) && !get(enabled) && given.containsKey(tender)) {
                    problem(tender, "is set but " + enabled.name() + " is false: set " + enabled.name()
                            + " = true to run those images, or remove " + tender.name());
                }
            }
        }

        private void checkInflux() {
            Optional<ConfigKey<?>> v1 = firstGiven(INFLUX_V1_KEYS);
            Optional<ConfigKey<?>> v2 = firstGiven(INFLUX_V2_KEYS);
            if (v1.isPresent() && v2.isPresent()) {
                problem(v2.get(), "metrics.influx-v1 and metrics.influx-v2 are both set: configure one InfluxDB");
                return;
            }
            v1.ifPresent(key -> requireAll(INFLUX_V1_KEYS.subList(0, 2), key));
            v2.ifPresent(key -> requireAll(INFLUX_V2_KEYS, key));
            if (valid(METRICS_ENABLED) && get(METRICS_ENABLED) && v1.isEmpty() && v2.isEmpty()) {
                problem(METRICS_ENABLED, "true needs an InfluxDB to write to: set metrics.influx-v1.uri and "
                        + "metrics.influx-v1.db (InfluxDB 1.x), or metrics.influx-v2.uri, .org, .bucket and .token "
                        + "(InfluxDB 2.x)");
            }
        }

        private Optional<ConfigKey<?>> firstGiven(List<ConfigKey<?>> keys) {
            for (ConfigKey<?> key : keys) {
                if (given.containsKey(key)) {
                    return Optional.of(key);
                }
            }
            return Optional.empty();
        }

        /** Each of {@code keys} must be given, because {@code cause} is. */
        private void requireAll(Collection<ConfigKey<?>> keys, ConfigKey<?> cause) {
            keys.stream().filter(key -> !given.containsKey(key)).forEach(key -> problems.add(new ConfigProblem(
                    given.get(cause).source(), key.name(), "missing: required when " + cause.name() + " is set")));
        }

        private boolean valid(ConfigKey<?>... keys) {
            for (ConfigKey<?> key : keys) {
                if (invalid.contains(key)) {
                    return false;
                }
            }
            return true;
        }

        private void problem(ConfigKey<?> key, String message) {
            Given value = given.get(key);
            problems.add(new ConfigProblem(value == null ? "defaults" : value.source(), key.name(), message));
        }
    }
}
