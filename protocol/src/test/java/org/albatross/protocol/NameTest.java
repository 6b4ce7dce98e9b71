package org.albatross.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameTest {

    @Test
    void aBareLabelIsAUnikernelAtTheRoot() {
        assertThat(Name.parse("hello")).isEqualTo(Name.of(Path.ROOT, Label.of("hello")));
        assertThat(Name.parse(":hello")).isEqualTo(Name.parse("hello"));
        assertThat(Name.parse("hello")).hasToString(":hello");
    }

    @Test
    void theLastComponentIsTheLabelAndTheRestThePath() {
        Name name = Name.parse("foo:bar:baz");
        assertThat(name.path()).isEqualTo(Path.of("foo", "bar"));
        assertThat(name.label()).contains(Label.of("baz"));
        assertThat(name).hasToString("foo:bar:baz");
    }

    @Test
    void aTrailingColonMakesAPath() {
        Name name = Name.parse("foo:bar:");
        assertThat(name.path()).isEqualTo(Path.of("foo", "bar"));
        assertThat(name.label()).isEmpty();
        assertThat(name).hasToString("foo:bar:");
    }

    @Test
    void aColonAloneIsTheRoot() {
        assertThat(Name.parse(":")).isEqualTo(Name.ROOT);
        assertThat(Name.ROOT.isRoot()).isTrue();
        assertThat(Name.ROOT).hasToString(":");
        assertThat(Path.ROOT).hasToString("");
    }

    @Test
    void labelsAreLowerCased() {
        assertThat(Name.parse("Foo:HeLLo")).isEqualTo(Name.parse("foo:hello"));
        assertThat(Label.of("ABC.def-1").value()).isEqualTo("abc.def-1");
    }

    @Test
    void dotsAndInnerHyphensAreAllowed() {
        assertThat(Name.parse("my.nice-unikernel").label()).contains(Label.of("my.nice-unikernel"));
    }

    @Test
    void aLabelMayHaveSixtyThreeCharactersButNotSixtyFour() {
        String longest = "a".repeat(63);
        assertThat(Label.of(longest).value()).hasSize(63);
        assertThatThrownBy(() -> Label.of(longest + "a"))
                .isInstanceOf(InvalidName.class)
                .hasMessageContaining("64 characters, at most 63");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''              | a name is a label",
        "'::'            | empty label",
        "'foo::bar'      | empty label at position 2",
        "'foo::'         | empty label",
        "'-foo'          | must not start with '-'",
        "'foo:-bar'      | must not start with '-'",
        "'foo bar'       | character ' ' at position 3",
        "'foo_bar'       | character '_'",
        "'föö'           | character 'ö'",
        "'foo/bar'       | character '/'",
        "'..'            | \"..\" is a directory's name",
        "'foo:.'         | \".\" is a directory's name",
        "'..:web'        | \"..\" is a directory's name",
    })
    void invalidNamesAreRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> Name.parse(text))
                .isInstanceOf(InvalidName.class)
                .hasMessageStartingWith("invalid name \"" + text + "\"")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "foo:", "foo:bar:", ":hello", "foo:hello", "a:b:c:d", "x.y-z:w"})
    void printingAParsedWireNameGivesItBack(String wire) {
        assertThat(Name.parse(wire)).hasToString(wire);
        assertThat(Name.parse(Name.parse(wire).toString())).isEqualTo(Name.parse(wire));
    }

    @Test
    void aNameIsShownRelativeToATenantsPath() {
        Name absolute = Name.parse("foo:bar:hello");
        assertThat(absolute.relativeTo(Path.of("foo"))).isEqualTo(Name.parse("bar:hello"));
        assertThat(absolute.relativeTo(Path.of("foo", "bar"))).isEqualTo(Name.parse(":hello"));
        assertThat(absolute.relativeTo(Path.ROOT)).isEqualTo(absolute);
        assertThat(absolute.relativeTo(Path.of("foo")).under(Path.of("foo"))).isEqualTo(absolute);
    }

    @Test
    void aNameOutsideTheTenantsPathCannotBeMadeRelative() {
        assertThatThrownBy(() -> Name.parse("foo:hello").relativeTo(Path.of("bar")))
                .isInstanceOf(InvalidName.class)
                .hasMessageContaining("does not lie under \"bar\"");
        assertThatThrownBy(() -> Name.parse(":hello").relativeTo(Path.of("foo")))
                .isInstanceOf(InvalidName.class);
    }

    @Test
    void pathsKnowTheirAncestors() {
        Path path = Path.parse("a:b:c");
        assertThat(path.parent()).isEqualTo(Path.of("a", "b"));
        assertThat(Path.ROOT.parent()).isEqualTo(Path.ROOT);
        assertThat(path.startsWith(Path.of("a"))).isTrue();
        assertThat(path.startsWith(Path.of("b"))).isFalse();
        assertThat(Path.of("a").startsWith(path)).isFalse();
        assertThat(path.startsWith(Path.ROOT)).isTrue();
        assertThat(Path.parse(":a:b")).isEqualTo(Path.of("a", "b"));
        assertThat(Path.parse("")).isEqualTo(Path.ROOT);
    }

    @Test
    void aUnikernelNameReadAsAPathIncludesItsLabel() {
        assertThat(Name.parse("foo:hello").asPath()).isEqualTo(Path.of("foo", "hello"));
        assertThat(Name.parse("foo:").asPath()).isEqualTo(Path.of("foo"));
        assertThat(new Name(Path.of("a"), Optional.empty()).asPath().labels()).isEqualTo(List.of(Label.of("a")));
    }
}
