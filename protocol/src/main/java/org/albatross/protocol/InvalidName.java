package org.albatross.protocol;

/** A label, path or name that breaks albatross's naming rules; the message says which rule and quotes the input. */
public final class InvalidName extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidName(String message) {
        super(message);
    }
}
