package org.albatross.vmm;

import java.util.Locale;

/** QEMU's accelerator: KVM where it works, TCG (emulation) everywhere. */
public enum QemuAccelerator {
    KVM,
    TCG;

    /**
     * The accelerator for a configuration value: {@code kvm}, {@code tcg}, or {@code auto} (KVM when
     * {@code kvmUsable}, see {@link KvmAccess}, else TCG). Nested KVM starts slower than TCG boots a tiny kernel,
     * so tests say tcg.
     */
    public static QemuAccelerator choose(String setting, boolean kvmUsable) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "auto" -> kvmUsable ? KVM : TCG;
            case "kvm" -> KVM;
            case "tcg" -> TCG;
            default -> throw new IllegalArgumentException("unknown QEMU accelerator \"" + setting
                    + "\": use auto, kvm or tcg");
        };
    }

    /** The value of QEMU's {@code -accel} option. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
