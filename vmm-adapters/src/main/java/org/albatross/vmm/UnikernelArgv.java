package org.albatross.vmm;

import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelArguments;

/** The arguments a unikernel is booted with: its configured ones, after {@code --name=LABEL} when add-name is set. */
final class UnikernelArgv {
    private UnikernelArgv() {
    }

    /**
     * Like albatross, the name passed is the label alone (the whole name for a label-less one). A unikernel that
     * does not know {@code --name} exits 64 and is restarted without it, by the daemon's restart rules.
     */
    static List<String> of(Name name, UnikernelArguments config) {
        List<String> argv = new ArrayList<>();
        if (config.addName()) {
            argv.add("--name=" + name.label().map(Label::value).orElse(name.toString()));
        }
        config.arguments().ifPresent(argv::addAll);
        return argv;
    }
}
