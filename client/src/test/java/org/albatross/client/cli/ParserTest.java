package org.albatross.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The client's parser against picocli's, on a program with an argument of every kind: what the parser takes it reads
 * as picocli does, and what it does not take is picocli's to run or refuse.
 */
class ParserTest {
    private static final Arg<String> TARGET = Arg.option("--target").fallbackValue("fallback")
            .defaultValue("default").label("PATH").inherited().describe("Where.").of(String.class);
    private static final Arg<Long> TIMEOUT = Arg.option("-t", "--timeout").label("S").defaultValue("30").inherited()
            .of(Long.class);
    private static final Arg<Boolean> QUIET = Arg.option("-q", "--quiet").flag();
    private static final Arg<Boolean> FORCE = Arg.option("-f", "--force").flag();
    private static final Arg<String> OUT = Arg.option("-o", "--out").label("FILE").of(String.class);
    private static final Arg<List<Integer>> IDS = Arg.option("--id").split(",").label("ID").repeated(Integer.class);
    private static final Arg<Integer> NEEDED = Arg.option("--needed").required().label("N").of(Integer.class);
    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<String> MORE = Arg.positional("MORE").optional().defaultValue("none").of(String.class);
    private static final Arg<List<String>> WORDS = Arg.positional("[FIRST] LAST").arity(1, 2).repeated(String.class);
    private static final Arg<Integer> PARITY = Arg.option("--parity").label("EVEN")
            .of(Integer.class, ParserTest::even);

    private static final AtomicReference<Map<Arg<?>, Object>> RAN = new AtomicReference<>();

    private static final Program PROGRAM = new Program("prog", "A program.", List.of(TARGET, TIMEOUT), List.of(
            Subcommand.named("show").alias("list").describe("Shows.").with(QUIET, FORCE, OUT, IDS, NAME, MORE, PARITY)
                    .runs(ParserTest::ran),
            Subcommand.named("set").describe("Sets.").with(NEEDED, WORDS).runs(ParserTest::ran)));

    private static int ran(Invocation invocation) {
        RAN.set(new HashMap<>(invocation.values()));
        return 0;
    }

    private static Integer even(String text) {
        int value = Integer.parseInt(text);
        if (value % 2 != 0) {
            throw new IllegalArgumentException(text + " is odd");
        }
        return value;
    }

    private static Optional<Invocation> parse(String line) {
        return new Parser(PROGRAM).parse(line.isEmpty() ? List.of() : List.of(line.split(" ")), null, null);
    }

    /** The values picocli's command line of the program hands the subcommand, or null if it does not run it. */
    private static Map<Arg<?>, Object> picocli(String line) {
        RAN.set(null);
        CommandLine cli = PicocliCommandLine.of(PROGRAM).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter()));
        cli.execute(line.split(" "));
        return RAN.get();
    }

    static Stream<String> taken() {
        return Stream.of(
                "show a", "list a", "show a b", "show a --quiet", "show --quiet a", "show -q -f a",
                "show a --out x", "show a --out=x", "show a -o x", "show a --out=-x", "show a --out -",
                "show a --id 1 --id 2", "show a --id 1,2 --id 3", "show a --id=4,5", "show a --parity 4",
                "show -- -a", "show a -- --quiet", "show -- a b",
                "--target show a", "--target /s show a", "--target=/s show a", "show a --target", "show --target /s a",
                "show a --target /s", "-t 5 show a", "show a --timeout=5", "--timeout 5 show a",
                "set --needed 3 last", "set first last --needed 3", "set --needed=3 -- first -last");
    }

    @ParameterizedTest
    @MethodSource("taken")
    void whatTheParserTakesItReadsAsPicocliDoes(String line) {
        Optional<Invocation> parsed = parse(line);

        assertThat(parsed).as("taken by the client's parser").isPresent();
        assertThat(parsed.get().values()).isEqualTo(picocli(line));
    }

    static Stream<String> leftToPicocli() {
        return Stream.of(
                "", "show", "a", "shw a", "--quiet show a", "show a c d", "show a --quiet --quiet", "show a --nope",
                "show a -qf", "show a -ox", "show a -o", "show a --out", "show a --out=", "show a --out --quiet",
                "show a --out -x", "show a --out show", "show a --quiet=true", "show a @file", "show a --id 1,,2",
                "show a --id x", "show a --parity 3", "show a --target -x", "show a --target --", "show -t 5 -t 6 a",
                "-t 5 show a -t 6", "-- show a", "show --help a", "show a -h", "show a -V", "--version", "set last",
                "set --needed 3", "set --needed 3 a b c", "set --needed x last", "show a  b");
    }

    @ParameterizedTest
    @MethodSource("leftToPicocli")
    void whatTheParserDoesNotTakeIsLeftToPicocli(String line) {
        assertThat(parse(line)).isEmpty();
    }

    @Test
    void anArgumentNotGivenHasItsDefaultOrNone() {
        Map<Arg<?>, Object> values = parse("show a").orElseThrow().values();

        assertThat(values).containsEntry(TARGET, "default").containsEntry(TIMEOUT, 30L).containsEntry(QUIET, false)
                .containsEntry(OUT, null).containsEntry(IDS, null).containsEntry(MORE, "none");
    }

    @Test
    void anOptionalValueLeftOutIsTheFallback() {
        assertThat(parse("show a --target").orElseThrow().get(TARGET)).isEqualTo("fallback");
        assertThat(parse("--target show a").orElseThrow().get(TARGET)).isEqualTo("fallback");
        assertThat(parse("show --target --quiet a").orElseThrow().get(TARGET)).isEqualTo("fallback");
    }

    @Test
    void repeatedAndSplitValuesAreCollectedInOrder() {
        assertThat(parse("show a --id 3,1 --id=2").orElseThrow().get(IDS)).containsExactly(3, 1, 2);
        assertThat(parse("set --needed 1 only").orElseThrow().get(WORDS)).containsExactly("only");
        assertThat(parse("set --needed 1 first last").orElseThrow().get(WORDS)).containsExactly("first", "last");
    }

    @Test
    void anArgumentOfAnotherSubcommandIsNoneOfThisOnes() {
        Invocation show = parse("show a").orElseThrow();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> show.get(NEEDED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--needed");
    }
}
