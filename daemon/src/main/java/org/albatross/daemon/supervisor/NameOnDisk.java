package org.albatross.daemon.supervisor;

import org.albatross.protocol.Name;

/**
 * A name as a file name: the wire form without its leading ':' and with ':' as '_' ({@code foo:web} is
 * {@code foo_web}, {@code :hello} is {@code hello}). Labels never contain '_' or ':', so no two names collide.
 */
public final class NameOnDisk {
    private NameOnDisk() {
    }

    /**
     * The name of a file, as {@link #of} writes it and as albatross names its block files (its wire form,
     * {@code :disk} or {@code foo:disk}): both read back since labels hold neither '_' nor ':'.
     *
     * @throws org.albatross.protocol.InvalidName when the file's name is neither
     */
    public static Name parse(String fileName) {
        return Name.parse(fileName.replace('_', ':'));
    }

    public static String of(Name name) {
        String wire = name.toString();
        return (wire.startsWith(":") ? wire.substring(1) : wire).replace(':', '_');
    }
}
