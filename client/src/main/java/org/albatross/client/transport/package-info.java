/**
 * How the client reaches albatrossd. {@link org.albatross.client.transport.LocalTransport} connects to the daemon's
 * Unix socket with the JDK's own Unix domain sockets, on the caller's thread, so that a local command loads no
 * event loop and no TLS; {@link org.albatross.client.transport.RemoteTransport} connects to its TLS endpoint with
 * Netty and the daemon's own framing handlers. Either way a {@link org.albatross.client.transport.Session} then
 * sends one-shot commands ({@link org.albatross.client.transport.Answer}), opens streams of data
 * ({@link org.albatross.client.transport.Stream}: console lines, events, block chunks) and uploads raw data after
 * a command, as albatross's block set does. Failures to connect or to keep to the protocol are
 * {@link org.albatross.client.transport.TransportError}s with a message a user can act on; a failure the daemon
 * answers is a {@link org.albatross.client.transport.Answer.Failed}.
 */
package org.albatross.client.transport;
