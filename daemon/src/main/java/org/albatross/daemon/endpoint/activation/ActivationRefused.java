package org.albatross.daemon.endpoint.activation;

/** Sockets passed by systemd that albatrossd cannot serve on; the message is one line that says what to change. */
public final class ActivationRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public ActivationRefused(String message) {
        super(message);
    }
}
