/**
 * {@code albatrossd}: {@link org.albatross.daemon.Albatrossd} (the command line) starts a
 * {@link org.albatross.daemon.Daemon}, which wires the local endpoint (endpoint), the dispatcher (dispatch), the
 * single-threaded owner of the resource tree and unikernel table (supervisor) and the consoles together.
 */
package org.albatross.daemon;
