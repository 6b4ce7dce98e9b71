/**
 * {@code albatrossd}: endpoints, the command dispatcher, the supervisor, block devices, the
 * state store, the event log and metrics. Not yet implemented (issue "albatrossd: the daemon
 * core").
 */
package org.albatross.daemon;
