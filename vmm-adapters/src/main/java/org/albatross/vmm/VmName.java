package org.albatross.vmm;

import org.albatross.protocol.Name;

/**
 * The name bhyve and Xen know a unikernel by: its wire name without the leading ':' and with ':' as '_'
 * ({@code foo:bar:web} becomes {@code foo_bar_web}); labels never hold '_', so names stay distinct.
 */
final class VmName {
    private VmName() {
    }

    static String of(Name name) {
        String wire = name.toString();
        return (wire.startsWith(":") ? wire.substring(1) : wire).replace(':', '_');
    }
}
