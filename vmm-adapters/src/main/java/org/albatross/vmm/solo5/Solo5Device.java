package org.albatross.vmm.solo5;

import java.util.Objects;

/** A device an image declares in its manifest, which the tender must attach under the same name. */
public record Solo5Device(String name, Kind kind) {
    public enum Kind {
        BLOCK_BASIC(1),
        NET_BASIC(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    public Solo5Device {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        return (kind == Kind.BLOCK_BASIC ? "block \"" : "net \"") + name + "\"";
    }
}
