/**
 * Per-unikernel console rings, subscriptions (since a time, last N lines), subscriber limits
 * and inactive-console eviction. Not yet implemented (issue "albatrossd: the daemon core").
 */
package org.albatross.console;
