package org.albatross.daemon.supervisor;

import java.util.EnumSet;
import java.util.Set;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.vmm.Backend;

/** The adapters the configuration's {@code adapters.*} switches enable; an image that needs another is refused. */
public record AdapterSwitches(Set<Backend> enabled) {
    public AdapterSwitches {
        enabled = Set.copyOf(enabled);
    }

    public static AdapterSwitches of(DaemonConfig.Adapters adapters) {
        Set<Backend> enabled = EnumSet.noneOf(Backend.class);
        if (adapters.solo5().hvt()) {
            enabled.add(Backend.SOLO5_HVT);
        }
        if (adapters.solo5().spt()) {
            enabled.add(Backend.SOLO5_SPT);
        }
        if (adapters.qemu().enabled()) {
            enabled.add(Backend.QEMU);
        }
        if (adapters.bhyve().enabled()) {
            enabled.add(Backend.BHYVE);
        }
        if (adapters.xen().enabled()) {
            enabled.add(Backend.XEN);
        }
        return new AdapterSwitches(enabled);
    }

    /** Refuses, naming the adapter and the key that enables it, unless {@code backend} is enabled. */
    public void admit(Backend backend) throws CommandFailed {
        if (!enabled.contains(backend)) {
            Switch off = Switch.of(backend);
            throw new CommandFailed("adapter " + off.adapter() + " is disabled (" + off.key()
                    + " = false): the image needs it; enable it in the daemon's configuration");
        }
    }

    /** An adapter's name as the configuration spells it, and the key that enables it. */
    private record Switch(String adapter, String key) {
        static Switch of(Backend backend) {
            return switch (backend) {
                case SOLO5_HVT -> new Switch("solo5-hvt", "adapters.solo5.hvt");
                case SOLO5_SPT -> new Switch("solo5-spt", "adapters.solo5.spt");
                case QEMU -> new Switch("qemu", "adapters.qemu.enabled");
                case BHYVE -> new Switch("bhyve", "adapters.bhyve.enabled");
                case XEN -> new Switch("xen", "adapters.xen.enabled");
            };
        }
    }
}
