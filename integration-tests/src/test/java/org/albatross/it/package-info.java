/**
 * End-to-end tests against a real daemon process, the real client and real QEMU booting the
 * project's own test kernel. Arrive with the daemon (issue "albatrossd: the daemon core").
 */
package org.albatross.it;
