/**
 * Updates watched by the daemon (docs/daemon.md "Updates"): the pure judgement of a watch, the probes it makes and
 * what they may reach, and the watch's own thread. The supervisor owns the update records and carries out the
 * rollback on its state thread; nothing here changes the state.
 */
package org.albatross.daemon.update;
