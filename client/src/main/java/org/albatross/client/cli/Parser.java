package org.albatross.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's own parser of a command line that names a subcommand and can run: {@code --opt value},
 * {@code --opt=value}, {@code --} before positional parameters, the program's options before or after the
 * subcommand. It reads no annotation and loads no picocli class: picocli's model of a command line took most of a
 * local command's start.
 *
 * <p>It answers nothing ({@link Optional#empty()}) for whatever it does not take as picocli would: help, version,
 * completion, a usage error of any kind, clustered short options, {@code -oVALUE}, an {@code @file}, a value that
 * looks like an option, an empty argument. {@link PicocliCommandLine} then parses the command line, runs it or
 * says what is wrong, in picocli's words. So what it accepts, it reads as picocli does, and everything else stays
 * picocli's (ParserTest runs a catalogue through both).
 */
public final class Parser {
    private static final String END_OF_OPTIONS = "--";
    private static final List<String> HELP = List.of("-h", "--help", "-V", "--version");

    private final Program program;

    public Parser(Program program) {
        this.program = program;
    }

    /** The subcommand {@code args} ask for with its values, or nothing when picocli must decide. */
    public Optional<Invocation> parse(List<String> args, PrintWriter out, PrintWriter err) {
        for (String arg : args) {
            if (arg.isEmpty() || arg.startsWith("@") || HELP.contains(arg)) {
                return Optional.empty();
            }
        }
        Reading reading = new Reading(args);
        Subcommand subcommand = reading.subcommand();
        if (subcommand == null || !reading.arguments(subcommand)) {
            return Optional.empty();
        }
        Map<Arg<?>, Object> values = reading.values(subcommand);
        return values == null ? Optional.empty()
                : Optional.of(new Invocation(subcommand, values, args, out, err));
    }

    /** One pass over a command line: the texts given for each argument, then their values. */
    private final class Reading {
        private final List<String> args;
        private final Map<Arg<?>, List<String>> given = new HashMap<>();
        private final List<String> positionals = new ArrayList<>();
        private int next;

        Reading(List<String> args) {
            this.args = args;
        }

        /** Reads the program's options up to the subcommand's name; null unless one comes. */
        Subcommand subcommand() {
            while (next < args.size()) {
                String arg = args.get(next++);
                if (!looksLikeOption(arg)) {
                    return program.subcommand(arg);
                }
                if (arg.equals(END_OF_OPTIONS) || !option(arg, program.options(), true)) {
                    return null;
                }
            }
            return null;
        }

        /** Reads the rest: the subcommand's options and the program's, and its positional parameters. */
        boolean arguments(Subcommand subcommand) {
            List<Arg<?>> options = new ArrayList<>(program.options());
            options.addAll(subcommand.args());
            boolean optionsEnded = false;
            while (next < args.size()) {
                String arg = args.get(next++);
                if (!optionsEnded && arg.equals(END_OF_OPTIONS)) {
                    optionsEnded = true;
                } else if (!optionsEnded && looksLikeOption(arg)) {
                    if (!option(arg, options, false)) {
                        return false;
                    }
                } else {
                    positionals.add(arg);
                }
            }
            return true;
        }

        /**
         * Reads the option {@code arg} (with its value); false when it is none of {@code options} or ill-formed. An
         * optional value is left out before another option, at the end, and before the subcommand's name.
         */
        private boolean option(String arg, List<Arg<?>> options, boolean beforeSubcommand) {
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Arg<?> option = named(name, options);
            if (option == null || (given.containsKey(option) && option.kind != Arg.Kind.REPEATED)) {
                return false;
            }
            String value;
            switch (option.kind) {
                case FLAG -> {
                    if (equals >= 0) {
                        return false;
                    }
                    value = "true";
                }
                case OPTIONAL_VALUE -> {
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (next == args.size() || named(args.get(next), options) != null
                            || (beforeSubcommand && program.subcommand(args.get(next)) != null)) {
                        value = option.fallbackValue;
                    } else if (!isPlainValue(args.get(next))) {
                        return false;
                    } else {
                        value = args.get(next++);
                    }
                }
                case VALUE, REPEATED -> {
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (next < args.size() && isPlainValue(args.get(next))) {
                        value = args.get(next++);
                    } else {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
            if (value.isEmpty()) {
                return false;
            }
            List<String> texts = given.get(option);
            if (texts == null) {
                texts = new ArrayList<>();
                given.put(option, texts);
            }
            texts.addAll(option.split == null ? List.of(value) : List.of(value.split(option.split, -1)));
            return true;
        }

        /** A value no parser could take for an option or a subcommand's name. */
        private boolean isPlainValue(String arg) {
            return !looksLikeOption(arg) && program.subcommand(arg) == null;
        }

        /**
         * Every argument's value, converted, with defaults for those not given; null if one cannot be converted, the
         * positional parameters are too few or too many, or a required option is missing.
         */
        Map<Arg<?>, Object> values(Subcommand subcommand) {
            if (!assignPositionals(subcommand)) {
                return null;
            }
            Map<Arg<?>, Object> values = new HashMap<>();
            List<Arg<?>> all = new ArrayList<>(program.options());
            all.addAll(subcommand.args());
            for (Arg<?> arg : all) {
                List<String> texts = given.get(arg);
                if (texts == null && arg.required) {
                    return null;
                }
                try {
                    values.put(arg, value(arg, texts));
                } catch (RuntimeException notAValue) {
                    return null;
                }
            }
            return values;
        }

        private boolean assignPositionals(Subcommand subcommand) {
            List<Arg<?>> params = new ArrayList<>();
            int least = 0;
            for (Arg<?> arg : subcommand.args()) {
                if (arg.isPositional()) {
                    params.add(arg);
                    least += arg.least;
                }
            }
            int start = 0;
            for (Arg<?> param : params) {
                least -= param.least;
                int taken = Math.min(param.most, positionals.size() - start - least);
                if (taken < param.least) {
                    return false;
                }
                if (taken > 0) {
                    given.put(param, positionals.subList(start, start + taken));
                }
                start += taken;
            }
            return start == positionals.size();
        }

        private static Object value(Arg<?> arg, List<String> texts) {
            if (arg.kind == Arg.Kind.FLAG) {
                return texts != null;
            }
            if (texts == null) {
                return arg.defaultValue == null ? null : arg.convert(arg.defaultValue);
            }
            if (arg.kind == Arg.Kind.REPEATED) {
                List<Object> values = new ArrayList<>();
                for (String text : texts) {
                    if (text.isEmpty()) {
                        throw new IllegalArgumentException("an empty value");
                    }
                    values.add(arg.convert(text));
                }
                return values;
            }
            return arg.convert(texts.get(0));
        }
    }

    private static boolean looksLikeOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1;
    }

    private static Arg<?> named(String name, List<Arg<?>> options) {
        for (Arg<?> option : options) {
            if (option.names.contains(name)) {
                return option;
            }
        }
        return null;
    }
}
