package org.albatross.policy.cert;

import java.util.Objects;

import org.albatross.protocol.Path;
import org.albatross.protocol.Policy;

/** A policy an intermediate CA certificate grants to the path its common name adds. */
public record Delegation(Path path, Policy policy) {
    public Delegation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(policy, "policy");
    }
}
