package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TOML 1.0 as the specification's own examples write it, and what is not TOML, with its line and column. */
class TomlReaderTest {
    @Test
    void keysValuesAndTablesInTheOrderOfTheDocument() throws TomlSyntaxError {
        TomlValue.Table root = TomlReader.read("""
                # a comment
                dbdir = "/var/lib/albatross"   # and another

                [console]
                ring-lines = 1024
                "quoted key" = true
                'literal key' = false
                [adapters.qemu]
                binary = 'qemu-system-x86_64'
                """);

        assertThat(root.entries().keySet()).containsExactly("dbdir", "console", "adapters");
        assertThat(root.entries().get("dbdir")).isEqualTo(new TomlValue.Text("/var/lib/albatross"));
        assertThat(table(root, "console").entries()).containsExactly(
                Map.entry("ring-lines", new TomlValue.Int(1024)),
                Map.entry("quoted key", new TomlValue.Bool(true)),
                Map.entry("literal key", new TomlValue.Bool(false)));
        assertThat(table(table(root, "adapters"), "qemu").entries())
                .containsExactly(Map.entry("binary", new TomlValue.Text("qemu-system-x86_64")));
    }

    @Test
    void dottedKeysAndInlineTablesMakeTables() throws TomlSyntaxError {
        TomlValue.Table root = TomlReader.read("""
                console.ring-lines = 64
                console . subscribers = 2
                tls = { listen = "0.0.0.0:1025", limits.max = 3 }
                """);

        assertThat(table(root, "console").entries()).containsExactly(
                Map.entry("ring-lines", new TomlValue.Int(64)), Map.entry("subscribers", new TomlValue.Int(2)));
        assertThat(root.entries().get("tls").toString()).isEqualTo("{listen = \"0.0.0.0:1025\", limits = {max = 3}}");
    }

    @Test
    void everyKindOfString() throws TomlSyntaxError {
        TomlValue.Table root = TomlReader.read("""
                basic = "tab\\there \\"quoted\\" \\u00e9\\U0001F600 back\\\\slash"
                literal = 'C:\\Users\\nodejs\\templates'
                multi = \"\"\"
                Roses are red
                Violets are blue\"\"\"
                joined = \"\"\"\\
                    The quick \\
                    brown fox.\\
                    \"\"\"
                quotes = \"\"\"Here are two quotation marks: "". Simple enough.\"\"\"
                edge = \"\"\"five quotes: \"\"\"\"\"
                raw = '''
                The first newline is
                trimmed in raw strings.
                   All other whitespace
                   is preserved.
                '''
                """);

        assertThat(text(root, "basic")).isEqualTo("tab\there \"quoted\" é😀 back\\slash");
        assertThat(text(root, "literal")).isEqualTo("C:\\Users\\nodejs\\templates");
        assertThat(text(root, "multi")).isEqualTo("Roses are red\nViolets are blue");
        assertThat(text(root, "joined")).isEqualTo("The quick brown fox.");
        assertThat(text(root, "quotes")).isEqualTo("Here are two quotation marks: \"\". Simple enough.");
        assertThat(text(root, "edge")).isEqualTo("five quotes: \"\"");
        assertThat(text(root, "raw")).isEqualTo(
                "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n");
    }

    @Test
    void numbersBooleansAndDates() throws TomlSyntaxError {
        TomlValue.Table root = TomlReader.read("""
                a = +99
                b = -17
                c = 1_000
                d = 0xDEAD_beef
                e = 0o660
                f = 0b1101
                g = 6.626e-34
                h = -inf
                i = nan
                j = 1979-05-27T07:32:00-08:00
                k = 1979-05-27 07:32:00.999999
                l = 07:32:00
                m = true
                n = 9223372036854775808
                """);

        assertThat(root.entries()).containsExactly(
                Map.entry("a", new TomlValue.Int(99)), Map.entry("b", new TomlValue.Int(-17)),
                Map.entry("c", new TomlValue.Int(1000)), Map.entry("d", new TomlValue.Int(0xDEADBEEFL)),
                Map.entry("e", new TomlValue.Int(0660)), Map.entry("f", new TomlValue.Int(13)),
                Map.entry("g", new TomlValue.Real(6.626e-34)),
                Map.entry("h", new TomlValue.Real(Double.NEGATIVE_INFINITY)),
                Map.entry("i", new TomlValue.Real(Double.NaN)),
                Map.entry("j", new TomlValue.DateTime("1979-05-27T07:32:00-08:00")),
                Map.entry("k", new TomlValue.DateTime("1979-05-27 07:32:00.999999")),
                Map.entry("l", new TomlValue.DateTime("07:32:00")), Map.entry("m", new TomlValue.Bool(true)),
                Map.entry("n", new TomlValue.Int(new BigInteger("9223372036854775808"))));
    }

    @Test
    void arraysOverSeveralLinesAndArraysOfTables() throws TomlSyntaxError {
        TomlValue.Table root = TomlReader.read("""
                ports = [ 1, 2, # a comment
                  3, ]
                [[bridge]]
                name = "service"
                [[bridge]]
                name = "management"
                [bridge.tap]
                mtu = 1500
                """);

        assertThat(root.entries().get("ports")).isEqualTo(new TomlValue.Array(List.of(new TomlValue.Int(1),
                new TomlValue.Int(2), new TomlValue.Int(3))));
        assertThat(root.entries().get("bridge").toString())
                .isEqualTo("[{name = \"service\"}, {name = \"management\", tap = {mtu = 1500}}]");
    }

    @Test
    void windowsLineEndingsAndAByteOrderMark() throws TomlSyntaxError {
        TomlValue.Table root = TomlReader.read("\uFEFF[console]\r\nring-lines = 64\r\n");

        assertThat(table(root, "console").entries()).containsExactly(Map.entry("ring-lines", new TomlValue.Int(64)));
    }

    @Test
    void anEmptyDocumentIsAnEmptyTable() throws TomlSyntaxError {
        assertThat(TomlReader.read("").entries()).isEmpty();
        assertThat(TomlReader.read("\n  # nothing\n\n").entries()).isEmpty();
    }

    @Test
    void whatIsNotTomlIsRefusedAtItsLineAndColumn() {
        assertError("[console\nring-lines = 5\n", 1, 9, "expected a ] to close the table name, found the end of the line");
        assertError("a = 1\nb = \"open\n", 2, 5, "a string is not closed on its line (use \"\"\" for one over several lines)");
        assertError("a = 1\na = 2\n", 2, 1, "the key a is defined twice");
        assertError("[a]\n[a]\n", 2, 1, "[a] is defined twice, or names a key already defined");
        assertError("a = 1 2\n", 1, 7, "expected the end of the line, found '2'");
        assertError("a = blue\n", 1, 5, "blue is not a TOML value (a string needs quotes)");
        assertError("a = 01\n", 1, 5, "01 is not a TOML value (a string needs quotes)");
        assertError("a = \"\\q\"\n", 1, 6, "\\q is not an escape TOML knows (\\b \\t \\n \\f \\r \\\" \\\\ \\u \\U)");
        assertError("a = \"\\uD800\"\n", 1, 6, "\\u must be followed by 4 hex digits of a Unicode scalar value");
        assertError("a = [1, 2\n", 2, 1, "expected , or ] in an array, found the end of the file");
        assertError("a = {b = 1,\nc = 2}\n", 1, 12, "expected a key, found the end of the line");
        assertError("= 1\n", 1, 1, "expected a key, found '='");
        assertError("a =\n", 1, 4, "expected a value, found the end of the line");
        assertError("a = \"x\u0001\"\n", 1, 7, "a control character (U+0001) in a string: write it as an escape");
        assertError("a = 1\rb = 2\n", 1, 6, "a carriage return that does not end a line");
        assertError("[a]\nb.c = 1\n[a.b]\n", 3, 1, "[a.b] is defined twice, or names a key already defined");
        assertError("[a.b]\nc = 1\n[a]\nb.d = 1\n", 4, 1, "b is already defined, and cannot be extended here");
        assertError("a = {b = 1}\n[a]\n", 2, 1, "[a] is defined twice, or names a key already defined");
        assertError("a = [1]\n[[a]]\n", 2, 1, "[[a]] names a value or table that is already defined");
        assertError("a = \"\"\"never closed\n", 1, 5, "a \"\"\" string is not closed");
    }

    @Test
    void theTextOfAValueIsTomlAgain() throws TomlSyntaxError {
        String document = "a = \"quote \\\" backslash \\\\ tab \\t bell \\u0007\"\n";

        TomlValue value = TomlReader.read(document).entries().get("a");

        assertThat(value.toString()).isEqualTo("\"quote \\\" backslash \\\\ tab \\t bell \\u0007\"");
        assertThat(TomlReader.read("a = " + value + "\n").entries().get("a")).isEqualTo(value);
    }

    private static void assertError(String document, int line, int column, String message) {
        TomlSyntaxError error = catchThrowableOfType(() -> TomlReader.read(document), TomlSyntaxError.class);
        assertThat(error).as("an error in %s", document).isNotNull();
        assertThat(error.getMessage()).as(document).isEqualTo(message);
        assertThat(List.of(error.line(), error.column())).as("line and column of the error in %s", document)
                .containsExactly(line, column);
    }

    private static TomlValue.Table table(TomlValue.Table table, String key) {
        return (TomlValue.Table) table.entries().get(key);
    }

    private static String text(TomlValue.Table table, String key) {
        return ((TomlValue.Text) table.entries().get(key)).value();
    }
}
