package org.albatross.daemon.supervisor;

import org.albatross.protocol.Name;

/**
 * A name as a file name: the wire form without its leading ':' and with ':' as '_' ({@code foo:web} is
 * {@code foo_web}, {@code :hello} is {@code hello}). Labels never contain '_' or ':', so no two names collide.
 */
public final class NameOnDisk {
    private NameOnDisk() {
    }

    public static String of(Name name) {
        String wire = name.toString();
        return (wire.startsWith(":") ? wire.substring(1) : wire).replace(':', '_');
    }
}
