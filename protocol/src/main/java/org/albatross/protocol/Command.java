package org.albatross.protocol;

/** A request, sent on a socket or carried in a certificate's extension. One sub-interface per service. */
public sealed interface Command extends Payload
        permits ConsoleCommand, StatsCommand, EventLogCommand, UnikernelCommand, PolicyCommand, BlockCommand {
}
