package org.albatross.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.albatross.config.ConfigError;
import org.albatross.config.ConfigLoader;

/**
 * albatrossd's command line, read without a command-line library: ten options do not need one, and picocli would be
 * a sixth of the classes an idle daemon loads. Each option is {@code --name VALUE} or {@code --name=VALUE}.
 *
 * @param config the configuration file ({@code --config})
 * @param assignments the {@code --set KEY=VALUE} options, as given
 * @param keyFlags key to value, from the flags named after a key ({@code --dbdir}, {@code --tmpdir},
 *     {@code --socket})
 */
record DaemonArguments(Optional<Path> config, List<String> assignments, Map<String, String> keyFlags,
        boolean startOverDamagedState, boolean systemdSocketActivation, boolean printConfig, boolean help,
        boolean version) {
    /** The options, in the order {@code --help} lists them. */
    enum Flag {
        CONFIG("--config", "FILE", "The TOML configuration file."),
        SET("--set", "KEY=VALUE", "Sets a configuration key (repeatable)."),
        DBDIR("--dbdir", "DIR", "Same as --set dbdir=DIR."),
        TMPDIR("--tmpdir", "DIR", "Same as --set tmpdir=DIR."),
        SOCKET("--socket", "PATH", "Same as --set socket.path=PATH."),
        START_OVER_DAMAGED_STATE("--start-over-damaged-state", null, "When the saved state is damaged, start from "
                + "what is left (its backup, or nothing) instead of refusing to start."),
        SYSTEMD_SOCKET_ACTIVATION("--systemd-socket-activation", null, "Refuses to start unless systemd passed the "
                + "local socket (albatross's option; passed sockets are served without it too)."),
        PRINT_CONFIG("--print-config", null, "Prints the effective configuration as TOML and exits."),
        HELP("--help", null, "Shows this help message and exits.", "-h"),
        VERSION("--version", null, "Prints version information and exits.", "-V");

        final String name;
        /** What the value is called in the help, {@code null} for a switch. */
        final String value;
        final String description;
        final List<String> aliases;

        Flag(String name, String value, String description, String... aliases) {
            this.name = name;
            this.value = value;
            this.description = description;
            this.aliases = List.of(aliases);
        }

        private String usage() {
            return String.join(", ", aliases) + (aliases.isEmpty() ? "    " : ", ") + name
                    + (value == null ? "" : "=" + value);
        }
    }

    /** A command line albatrossd cannot run with; the message names the argument. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    DaemonArguments {
        assignments = List.copyOf(assignments);
        keyFlags = Map.copyOf(keyFlags);
    }

    /**
     * The configuration keys the command line sets: the flags named after a key win over {@code --set}.
     *
     * @throws ConfigError for a {@code --set} that is not an assignment
     */
    Map<String, String> overrides() throws ConfigError {
        Map<String, String> overrides = ConfigLoader.parseAssignments(assignments);
        overrides.putAll(keyFlags);
        return overrides;
    }

    static DaemonArguments parse(String... args) throws Refused {
        Optional<Path> config = Optional.empty();
        List<String> assignments = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        boolean startOver = false;
        boolean socketActivation = false;
        boolean printConfig = false;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            Flag flag = flag(equals < 0 ? arg : arg.substring(0, equals));
            String value = null;
            if (flag.value != null) {
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new Refused("missing " + flag.value + " after " + flag.name);
                }
            } else if (equals >= 0) {
                throw new Refused(flag.name + " takes no value, but was given " + arg);
            }
            switch (flag) {
                case CONFIG -> config = Optional.of(Path.of(value));
                case SET -> assignments.add(value);
                case DBDIR -> named.put("dbdir", value);
                case TMPDIR -> named.put("tmpdir", value);
                case SOCKET -> named.put("socket.path", value);
                case START_OVER_DAMAGED_STATE -> startOver = true;
                case SYSTEMD_SOCKET_ACTIVATION -> socketActivation = true;
                case PRINT_CONFIG -> printConfig = true;
                case HELP -> help = true;
                case VERSION -> version = true;
            }
        }
        return new DaemonArguments(config, assignments, named, startOver, socketActivation, printConfig, help,
                version);
    }

    private static Flag flag(String arg) throws Refused {
        for (Flag flag : Flag.values()) {
            if (flag.name.equals(arg) || flag.aliases.contains(arg)) {
                return flag;
            }
        }
        throw new Refused(arg.startsWith("-") ? "unknown option " + arg : "unexpected argument " + arg
                + ": albatrossd takes options only");
    }

    /** What {@code --help} prints. */
    static String usage() {
        int width = Arrays.stream(Flag.values()).mapToInt(flag -> flag.usage().length()).max().orElse(0) + 2;
        return "Usage: albatrossd [OPTION]...\n"
                + "Runs unikernels for several tenants; driven by albatross-client over a Unix socket.\n"
                + Arrays.stream(Flag.values()).map(flag -> "  " + flag.usage() + " ".repeat(width
                        - flag.usage().length()) + flag.description).collect(Collectors.joining("\n")) + "\n";
    }
}
