package org.albatross.daemon.metrics;

import org.albatross.protocol.Name;

/** The {@code tenant} tag: the first label of a unikernel's path, "/" for the root's own unikernels. */
final class Tenant {
    static final String ROOT = "/";

    private Tenant() {
    }

    static String of(Name name) {
        return name.path().isRoot() ? ROOT : name.path().labels().get(0).value();
    }
}
