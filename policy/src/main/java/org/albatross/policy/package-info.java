/** Policies, the resource tree, certificate chain to identity and provisioning. Pure: no I/O; the clock is injected. */
package org.albatross.policy;
