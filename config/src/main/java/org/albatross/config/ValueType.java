package org.albatross.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.albatross.config.DaemonConfig.ByteSize;
import org.albatross.config.DaemonConfig.ListenAddress;
import org.albatross.config.DaemonConfig.Secret;

/**
 * The type of a configuration key: how a value is read from TOML or from text (environment, command line), what is
 * allowed, and how a value is written back as TOML. A value that cannot be read is simply not allowed, and
 * {@link #allowed()} says what would be.
 */
interface ValueType<T> {
    /** What values are allowed, completing "must be ...": e.g. {@code an integer between 16 and 1048576}. */
    String allowed();

    /** The value of a string, from the environment or the command line, or from a TOML string. */
    Optional<T> fromText(String text);

    /** The value of a TOML value; most types are written as TOML strings. */
    default Optional<T> fromToml(TomlValue value) {
        return value instanceof TomlValue.Text text ? fromText(text.value()) : Optional.empty();
    }

    /** The TOML literal of a value: most types write {@link #text} as a TOML string. */
    default String toToml(T value) {
        return TomlValue.quoted(text(value));
    }

    /** The value written as {@link #fromText} reads it. */
    String text(T value);

    static ValueType<Integer> integer(int min, int max) {
        return new IntegerType(min, max);
    }

    static ValueType<Boolean> bool() {
        return new BooleanType();
    }

    static ValueType<String> string() {
        return new TextType<>("a non-empty string", Function.identity(), Function.identity());
    }

    /** A password or token: written back masked, never as itself. */
    static ValueType<Secret> secret() {
        return new TextType<>("a non-empty string", Secret::new, Secret::toString);
    }

    static <E extends Enum<E>> ValueType<E> oneOf(Class<E> values) {
        return new EnumType<>(values);
    }

    static ValueType<Path> absolutePath() {
        return new PathType(true);
    }

    /** A program: a name looked up on PATH, or an absolute path. */
    static ValueType<Path> command() {
        return new PathType(false);
    }

    static ValueType<Duration> duration(Duration min, Duration max) {
        return QuantityType.duration(min, max);
    }

    static ValueType<ByteSize> size(ByteSize min, ByteSize max) {
        return QuantityType.size(min, max);
    }

    static ValueType<Integer> fileMode() {
        return new FileModeType();
    }

    static ValueType<ListenAddress> listenAddress() {
        return new ListenAddressType();
    }

    static ValueType<URI> httpUri() {
        return new HttpUriType();
    }

    record IntegerType(int min, int max) implements ValueType<Integer> {
        @Override
        public String allowed() {
            return "an integer between " + min + " and " + max;
        }

        @Override
        public Optional<Integer> fromText(String text) {
            try {
                return inRange(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<Integer> fromToml(TomlValue value) {
            return value instanceof TomlValue.Int integer && integer.value().bitLength() < Long.SIZE
                    ? inRange(integer.value().longValue()) : Optional.empty();
        }

        @Override
        public String toToml(Integer value) {
            return value.toString();
        }

        @Override
        public String text(Integer value) {
            return value.toString();
        }

        private Optional<Integer> inRange(long value) {
            return value >= min && value <= max ? Optional.of((int) value) : Optional.empty();
        }
    }

    record BooleanType() implements ValueType<Boolean> {
        @Override
        public String allowed() {
            return "true or false";
        }

        @Override
        public Optional<Boolean> fromText(String text) {
            return switch (text.strip()) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Boolean> fromToml(TomlValue value) {
            return value instanceof TomlValue.Bool bool ? Optional.of(bool.value()) : Optional.empty();
        }

        @Override
        public String toToml(Boolean value) {
            return value.toString();
        }

        @Override
        public String text(Boolean value) {
            return value.toString();
        }
    }

    record TextType<T>(String allowed, Function<String, T> wrap, Function<T, String> unwrap)
            implements ValueType<T> {
        @Override
        public Optional<T> fromText(String text) {
            return text.isBlank() ? Optional.empty() : Optional.of(wrap.apply(text));
        }

        @Override
        public String text(T value) {
            return unwrap.apply(value);
        }
    }

    record EnumType<E extends Enum<E>>(Class<E> values) implements ValueType<E> {
        @Override
        public String allowed() {
            return "one of " + Arrays.stream(values.getEnumConstants()).map(this::text)
                    .collect(Collectors.joining(", "));
        }

        @Override
        public Optional<E> fromText(String text) {
            return Arrays.stream(values.getEnumConstants()).filter(value -> text(value).equals(text)).findFirst();
        }

        @Override
        public String text(E value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }

    record PathType(boolean absolute) implements ValueType<Path> {
        @Override
        public String allowed() {
            return absolute ? "an absolute path" : "a program name to look up on PATH, or an absolute path";
        }

        @Override
        public Optional<Path> fromText(String text) {
            if (text.isBlank() || text.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            try {
                Path path = Path.of(text);
                boolean bareName = path.getNameCount() == 1 && !path.isAbsolute() && !text.contains("/");
                return path.isAbsolute() || !absolute && bareName ? Optional.of(path) : Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }

        @Override
        public String text(Path value) {
            return value.toString();
        }
    }

    /**
     * A number followed by a unit, as in {@code 500ms}: the units are ordered smallest first, each with its size in
     * the smallest unit; {@code min} and {@code max} are amounts in the smallest unit.
     */
    record QuantityType<T>(String example, List<String> units, long[] unitSizes, long min, long max,
            LongFunction<T> of, ToLongFunction<T> amount) implements ValueType<T> {
        /** The most digits a number may have, so that it fits a long. */
        private static final int MAX_DIGITS = 18;

        static QuantityType<Duration> duration(Duration min, Duration max) {
            return new QuantityType<>("a duration such as \"10s\", \"500ms\" or \"2m\"", List.of("ms", "s", "m", "h"),
                    new long[] {1, 1_000, 60_000, 3_600_000}, min.toMillis(), max.toMillis(), Duration::ofMillis,
                    Duration::toMillis);
        }

        static QuantityType<ByteSize> size(ByteSize min, ByteSize max) {
            return new QuantityType<>("a size such as \"16MiB\"", List.of("B", "KiB", "MiB", "GiB"),
                    new long[] {1, 1L << 10, 1L << 20, 1L << 30}, min.bytes(), max.bytes(), ByteSize::new,
                    ByteSize::bytes);
        }

        @Override
        public String allowed() {
            return example + " (units: " + String.join(", ", units) + ") between " + format(min) + " and "
                    + format(max);
        }

        /** Digits, then a unit: read by hand, as a regular expression compiled on every start costs milliseconds. */
        @Override
        public Optional<T> fromText(String text) {
            String quantity = text.strip();
            int digits = leadingDigits(quantity);
            if (digits == 0 || digits > MAX_DIGITS) {
                return Optional.empty();
            }
            int unit = units.indexOf(quantity.substring(digits));
            if (unit < 0) {
                return Optional.empty();
            }
            long number = Long.parseLong(quantity.substring(0, digits));
            if (number > max / unitSizes[unit]) {
                return Optional.empty();
            }
            long total = number * unitSizes[unit];
            return total >= min && total <= max ? Optional.of(of.apply(total)) : Optional.empty();
        }

        @Override
        public String text(T value) {
            return format(amount.applyAsLong(value));
        }

        /** How many ASCII digits {@code text} starts with. */
        private static int leadingDigits(String text) {
            int digits = 0;
            while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                digits++;
            }
            return digits;
        }

        /** The amount in the largest unit that writes it exactly. */
        private String format(long total) {
            for (int unit = units.size() - 1; unit > 0; unit--) {
                if (total % unitSizes[unit] == 0) {
                    return total / unitSizes[unit] + units.get(unit);
                }
            }
            return total + units.get(0);
        }
    }

    record FileModeType() implements ValueType<Integer> {
        @Override
        public String allowed() {
            return "an octal file mode such as \"0660\"";
        }

        /** Three octal digits, perhaps after a 0. */
        @Override
        public Optional<Integer> fromText(String text) {
            String mode = text.strip();
            String digits = mode.length() == 4 && mode.charAt(0) == '0' ? mode.substring(1) : mode;
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '7') {
                    return Optional.empty();
                }
            }
            return digits.length() == 3 ? Optional.of(Integer.parseInt(digits, 8)) : Optional.empty();
        }

        /** Also TOML's own octal integers, as in {@code mode = 0o660}. */
        @Override
        public Optional<Integer> fromToml(TomlValue value) {
            if (value instanceof TomlValue.Int integer) {
                return integer.value().signum() >= 0 && integer.value().bitLength() <= 9
                        ? Optional.of(integer.value().intValue()) : Optional.empty();
            }
            return ValueType.super.fromToml(value);
        }

        @Override
        public String text(Integer value) {
            return String.format("%04o", value);
        }
    }

    record ListenAddressType() implements ValueType<ListenAddress> {

        @Override
        public String allowed() {
            return "an address and port such as \"127.0.0.1:1025\", \"[::]:1025\" or \"host.example:1025\"";
        }

        @Override
        public Optional<ListenAddress> fromText(String text) {
            Matcher matcher = Syntax.ADDRESS.matcher(text.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int port = Integer.parseInt(matcher.group(3));
            String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            return port >= 1 && port <= 65535 ? Optional.of(new ListenAddress(host, port)) : Optional.empty();
        }

        @Override
        public String text(ListenAddress value) {
            return value.toString();
        }

        /** Compiled when an address is first read, not with the schema that every start makes. */
        private static final class Syntax {
            static final Pattern ADDRESS = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]\\s]+)):(\\d{1,5})");
        }
    }

    record HttpUriType() implements ValueType<URI> {
        @Override
        public String allowed() {
            return "an http or https URL such as \"http://127.0.0.1:8086\"";
        }

        @Override
        public Optional<URI> fromText(String text) {
            try {
                URI uri = new URI(text.strip());
                boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
                return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        @Override
        public String text(URI value) {
            return value.toString();
        }
    }
}
