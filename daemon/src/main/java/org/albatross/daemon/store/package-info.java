/**
 * The daemon's state on disk: {@link org.albatross.daemon.store.StateStore} keeps the serialised unikernels and
 * policies with an integrity check and a backup; {@link org.albatross.daemon.store.AtomicFile} is the only place
 * that replaces a file atomically. Rules and crash behaviour: docs/state.md.
 */
package org.albatross.daemon.store;
