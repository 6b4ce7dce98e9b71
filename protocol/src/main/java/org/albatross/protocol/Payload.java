package org.albatross.protocol;

/** What a message carries: a command, a success reply, a failure reply or a piece of a stream. */
public sealed interface Payload permits Command, Success, Failure, Data {
}
