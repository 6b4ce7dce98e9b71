package org.albatross.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One argument of a command line: an option (by its names) or a positional parameter (by its place), with its value's
 * label, type and converter, how often it may come, its default and its description. The one description of it: the
 * client's own {@link Parser} runs a command from it, picocli renders the help, the usage errors and the completion
 * script from it ({@link PicocliCommandLine}).
 *
 * @param <T> the value a command reads: {@link Boolean} for a flag, a {@link List} for a repeated argument
 */
public final class Arg<T> {
    /** How an argument takes its value. */
    enum Kind {
        /** An option without a value: true when given. */
        FLAG,
        /** {@code --help}: picocli prints the usage. */
        USAGE_HELP,
        /** {@code --version}: picocli prints the version. */
        VERSION_HELP,
        /** One value (a positional parameter: once). */
        VALUE,
        /** An option whose value may be left out: then its fallback value. */
        OPTIONAL_VALUE,
        /** Values collected in a list, as often as given (a positional parameter: between its least and most). */
        REPEATED
    }

    final List<String> names;
    final String label;
    final String description;
    final Kind kind;
    final Class<?> type;
    /** The client's converter of its own type; null for a type picocli converts itself (and words its errors). */
    final Converter<?> converter;
    final int least;
    final int most;
    final String split;
    final boolean required;
    final String defaultValue;
    final String fallbackValue;
    final boolean inherited;

    private Arg(Builder builder, Kind kind, Class<?> type, Converter<?> converter) {
        this.names = builder.names;
        this.label = builder.label;
        this.description = builder.description;
        this.kind = kind;
        this.type = type;
        this.converter = converter;
        this.least = builder.least;
        this.most = builder.most;
        this.split = builder.split;
        this.required = builder.required;
        this.defaultValue = builder.defaultValue;
        this.fallbackValue = builder.fallbackValue;
        this.inherited = builder.inherited;
    }

    /** An option known by {@code names}, the first its short form where it has one (as the usage lists them). */
    public static Builder option(String... names) {
        return new Builder(List.of(names));
    }

    /** A positional parameter labelled {@code label} in the usage, taken once unless {@link Builder#arity} says. */
    public static Builder positional(String label) {
        return new Builder(List.of()).label(label);
    }

    boolean isPositional() {
        return names.isEmpty();
    }

    /** How messages name it: its last name (the long one), or its label. */
    @Override
    public String toString() {
        return isPositional() ? label : names.get(names.size() - 1);
    }

    /** The value of {@code text}, converted. */
    Object convert(String text) {
        return converter != null ? converter.convert(text) : standard(type, text);
    }

    /** Where an argument is described before it is made: its label, description, default and how often it comes. */
    public static final class Builder {
        private final List<String> names;
        private String label;
        private String description;
        private int least = 1;
        private int most = 1;
        private String split;
        private boolean required;
        private String defaultValue;
        private String fallbackValue;
        private boolean inherited;

        private Builder(List<String> names) {
            this.names = names;
        }

        /** How the usage names the value. */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder describe(String description) {
            this.description = description;
            return this;
        }

        /** The value's text when the argument is not given ({@code ${DEFAULT-VALUE}} in the description). */
        public Builder defaultValue(String text) {
            this.defaultValue = text;
            return this;
        }

        /** The value of the option given without one: the option's value may be left out. */
        public Builder fallbackValue(String text) {
            this.fallbackValue = text;
            return this;
        }

        /** A repeated option's values may also come in one, separated by {@code separator}. */
        public Builder split(String separator) {
            this.split = separator;
            return this;
        }

        /** The command cannot run without this option. */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** An option of the top-level command that every subcommand takes too, before or after its name. */
        public Builder inherited() {
            this.inherited = true;
            return this;
        }

        /** A positional parameter that may be left out. */
        public Builder optional() {
            return arity(0, 1);
        }

        /** How many values a positional parameter takes. */
        public Builder arity(int least, int most) {
            this.least = least;
            this.most = most;
            return this;
        }

        public Arg<Boolean> flag() {
            return new Arg<>(this, Kind.FLAG, Boolean.class, null);
        }

        public Arg<Boolean> usageHelp() {
            return new Arg<>(this, Kind.USAGE_HELP, Boolean.class, null);
        }

        public Arg<Boolean> versionHelp() {
            return new Arg<>(this, Kind.VERSION_HELP, Boolean.class, null);
        }

        /** One value of a type picocli converts itself (string, number, path, URI, instant, enum). */
        public <T> Arg<T> of(Class<T> type) {
            return new Arg<>(this, kind(), standard(type), null);
        }

        /** One value of the client's own type, read by {@code converter}. */
        public <T> Arg<T> of(Class<T> type, Converter<T> converter) {
            return new Arg<>(this, kind(), type, converter);
        }

        public <T> Arg<List<T>> repeated(Class<T> type) {
            return new Arg<>(this, Kind.REPEATED, standard(type), null);
        }

        public <T> Arg<List<T>> repeated(Class<T> type, Converter<T> converter) {
            return new Arg<>(this, Kind.REPEATED, type, converter);
        }

        private Kind kind() {
            return fallbackValue != null ? Kind.OPTIONAL_VALUE : Kind.VALUE;
        }
    }

    /** {@code type}, if picocli converts it itself (string, number, path, URI, instant, enum). */
    private static Class<?> standard(Class<?> type) {
        if (type == String.class || type == Integer.class || type == Long.class || type == Path.class
                || type == URI.class || type == Instant.class || type.isEnum()) {
            return type;
        }
        throw new IllegalArgumentException(type + " is no type picocli converts itself: give its converter");
    }

    /**
     * {@code text} as a value of a type picocli converts itself, taking what picocli takes: a text either refuses is
     * reported by picocli, in its words. (Plain calls, not converters as lambdas: this runs on every command's
     * start, where each lambda links a call site.)
     */
    private static Object standard(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class) {
            return Integer.valueOf(text);
        }
        if (type == Long.class) {
            return Long.valueOf(text);
        }
        if (type == Path.class) {
            return Path.of(text);
        }
        if (type == URI.class) {
            return URI.create(text);
        }
        if (type == Instant.class) {
            return Instant.parse(text);
        }
        return caseInsensitive(type.getEnumConstants(), text);
    }

    private static Object caseInsensitive(Object[] constants, String text) {
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(text + " is none of the values");
    }
}
