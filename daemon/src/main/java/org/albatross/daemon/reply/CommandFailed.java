package org.albatross.daemon.reply;

/**
 * A command the daemon refuses or cannot carry out; the message is sent to the client as the failure reply, so it
 * says what went wrong and, where there is one, what to do instead. Nothing changed when it is thrown.
 */
public final class CommandFailed extends Exception {
    public CommandFailed(String message) {
        super(message, null, false, false);
    }
}
