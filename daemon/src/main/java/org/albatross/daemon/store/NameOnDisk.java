package org.albatross.daemon.store;

import java.util.Optional;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;

/**
 * A name as a file name: the wire form without its leading ':' and with ':' as '_' ({@code foo:web} is
 * {@code foo_web}, {@code :hello} is {@code hello}). Labels never contain '_' or ':', so no two names collide, and
 * the file name gives the name back.
 */
public final class NameOnDisk {
    private NameOnDisk() {
    }

    /**
     * The name of a file, as {@link #of} writes it and as albatross names its block files (its wire form,
     * {@code :disk} or {@code foo:disk}): both read back since labels hold neither '_' nor ':'.
     *
     * @throws InvalidName when the file's name is neither
     */
    public static Name parse(String fileName) {
        return Name.parse(fileName.replace('_', ':'));
    }

    public static String of(Name name) {
        String wire = name.toString();
        return (wire.startsWith(":") ? wire.substring(1) : wire).replace(':', '_');
    }

    /** The unikernel whose file name this is, or empty when it is no such name (a path, or not a name at all). */
    public static Optional<Name> unikernel(String fileName) {
        String wire = fileName.indexOf('_') >= 0 ? fileName.replace('_', ':') : ":" + fileName;
        try {
            Name name = Name.parse(wire);
            return name.label().isPresent() && of(name).equals(fileName) ? Optional.of(name) : Optional.empty();
        } catch (InvalidName e) {
            return Optional.empty();
        }
    }
}
