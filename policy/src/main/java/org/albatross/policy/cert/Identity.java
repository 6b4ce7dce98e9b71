package org.albatross.policy.cert;

import java.util.List;
import java.util.Objects;

import org.albatross.protocol.Command;
import org.albatross.protocol.Name;

/**
 * Who a verified chain speaks for and what it asks: the name (tenant path from the intermediates plus the leaf's
 * label), the policies the intermediates grant, outermost first, and the leaf's command.
 */
public record Identity(Name name, List<Delegation> policies, Command command) {
    public Identity {
        Objects.requireNonNull(name, "name");
        policies = List.copyOf(policies);
        Objects.requireNonNull(command, "command");
    }
}
