/**
 * Taps and bridges on the host, behind {@link org.albatross.vmm.net.HostNetwork}: {@code ip} on Linux,
 * {@code ifconfig} on FreeBSD, every command through one {@link org.albatross.vmm.HostCommand}.
 */
package org.albatross.vmm.net;
