/**
 * The daemon's append-only, fsync'd event log ({@link org.albatross.daemon.events.EventLog}): segment files of
 * checksummed records, rotation with retention, queries and subscriptions filtered to a tenant. Format, crash
 * behaviour and visibility rules: docs/event-log.md.
 */
package org.albatross.daemon.events;
