package org.albatross.vmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link HostCommand} that records each command and answers from a script; commands without an answer print
 * nothing, listed ones fail.
 */
public final class ScriptedHost implements HostCommand {
    private final Map<List<String>, String> answers;
    private final List<List<String>> failing;
    private final List<List<String>> commands = new ArrayList<>();

    public ScriptedHost(Map<List<String>, String> answers, List<List<String>> failing) {
        this.answers = Map.copyOf(answers);
        this.failing = List.copyOf(failing);
    }

    public ScriptedHost(Map<List<String>, String> answers) {
        this(answers, List.of());
    }

    @Override
    public String run(List<String> argv) throws HostCommandFailed {
        commands.add(List.copyOf(argv));
        if (failing.contains(argv)) {
            throw new HostCommandFailed(argv, "exited with 1: scripted failure");
        }
        return answers.getOrDefault(argv, "");
    }

    public List<List<String>> commands() {
        return new ArrayList<>(commands);
    }
}
