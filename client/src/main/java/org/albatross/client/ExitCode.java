package org.albatross.client;

import org.albatross.client.transport.TransportError;

/** Albatross's client exit codes (its albatross_client.ml), so that scripts written for it keep working. */
public enum ExitCode {
    SUCCESS(0),
    CHAIN_FAILURE(116),
    REMOTE_COMMAND_FAILED(117),
    HTTP_ERROR(118),
    LOCAL_AUTHENTICATION_FAILED(119),
    REMOTE_AUTHENTICATION_FAILED(120),
    COMMUNICATION_FAILED(121),
    CONNECT_FAILED(122),
    /** Cmdliner's code for a command line it cannot use; albatross's Cli_failed. */
    CLI_FAILED(124),
    /** Cmdliner's code for an internal error; albatross's Internal_error. */
    INTERNAL_ERROR(125);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ExitCode of(TransportError.Reason reason) {
        return switch (reason) {
            case CONNECTION_FAILED -> CONNECT_FAILED;
            case COMMUNICATION_FAILED -> COMMUNICATION_FAILED;
            case LOCAL_AUTHENTICATION_FAILED -> LOCAL_AUTHENTICATION_FAILED;
            case REMOTE_AUTHENTICATION_FAILED -> REMOTE_AUTHENTICATION_FAILED;
        };
    }
}
