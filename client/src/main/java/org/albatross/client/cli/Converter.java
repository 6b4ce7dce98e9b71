package org.albatross.client.cli;

/**
 * How an argument's value is read from its text. A text it cannot read throws (an {@link IllegalArgumentException}
 * with a message that says why, for the converters of the client's own types): the command line then reports it as
 * picocli reports a value it cannot convert.
 */
@FunctionalInterface
public interface Converter<T> {
    T convert(String text);
}
