package org.albatross.protocol;

/**
 * Input that is not a valid albatross message: the one exception the decoders throw. The message says where (a
 * dotted path such as {@code payload.command.unikernel.create.memory}) and what was wrong.
 *
 * <p>Unchecked because the decoders' only callers are the framing pipeline and the certificate reader, which
 * each catch it once at their boundary and turn it into a failure reply or a refused chain; a checked exception
 * would be re-thrown through every element decoder in between without adding a place that handles it.
 */
public final class ProtocolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public ProtocolError(String where, String what) {
        super(where.isEmpty() ? what : where + ": " + what);
        this.where = where;
    }

    public ProtocolError(String where, String what, Throwable cause) {
        super(where.isEmpty() ? what : where + ": " + what, cause);
        this.where = where;
    }

    /** The dotted path to the offending element, empty for the whole input. */
    public String where() {
        return where;
    }
}
