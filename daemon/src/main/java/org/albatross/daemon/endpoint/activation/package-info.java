/**
 * systemd's socket activation: the listening sockets systemd (or {@code systemd-socket-activate}) opened and passed
 * to albatrossd, read from the environment ({@link ListenFds}, sd_listen_fds(3)), described by the kernel
 * ({@link PassedSocket}) and matched to the daemon's two endpoints ({@link InheritedSockets}); {@link SocketActivation}
 * is the edge that asks the kernel. The endpoints adopt what is found here instead of binding.
 */
package org.albatross.daemon.endpoint.activation;
