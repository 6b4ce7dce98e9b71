package org.albatross.daemon.supervisor;

import java.util.function.Consumer;
import org.albatross.daemon.dispatch.CommandFailed;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelConfig;

/** Prepares the host for a unikernel and starts its monitor; undoes what it prepared when the start fails. */
public interface Launcher {
    /**
     * @param console receives each line the unikernel writes, on the monitor's console thread
     * @throws CommandFailed when the image is refused or the host cannot run it; nothing is left behind
     */
    Launch launch(Name name, UnikernelConfig config, Consumer<String> console) throws CommandFailed;
}
