/**
 * End-to-end tests against a real daemon process, the client's local transport and real QEMU booting the
 * project's own test kernel: one {@link org.albatross.it.DaemonExtension} daemon per test class, one class per
 * part of issue 5's acceptance scenario (integration-tests/README.md maps each step to its tests).
 */
package org.albatross.it;
