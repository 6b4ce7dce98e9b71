/**
 * Unikernel consoles with albatross's semantics. {@link org.albatross.console.Consoles} is the entry point: the
 * daemon calls {@code started} when a unikernel starts and feeds its output to the returned
 * {@link org.albatross.console.ConsoleWriter}; a client's {@code console} command becomes
 * {@link org.albatross.console.Consoles#subscribe}, whose {@link org.albatross.console.ConsoleSubscription} is polled
 * for {@link org.albatross.console.ConsoleEvent}s. {@link org.albatross.console.ConsoleLineSplitter} and
 * {@link org.albatross.console.ConsoleRing} are the pure parts underneath. No I/O happens here: the clock is
 * injected and output arrives as byte chunks.
 */
package org.albatross.console;
