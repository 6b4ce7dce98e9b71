package org.albatross.daemon.supervisor;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.protocol.Name;
import org.albatross.vmm.MonitorRecord;
import org.albatross.vmm.UnikernelImage;

/**
 * Prepares the host for a unikernel and starts its monitor; undoes what it prepared when the start fails. Finds and
 * takes over what an earlier daemon started.
 */
public interface Launcher {
    /**
     * @param image the image {@code spec} names, as decided when it arrived
     * @param console receives each line the unikernel writes, on the thread that reads consoles
     * @throws CommandFailed when the image is refused or the host cannot run it; nothing is left behind
     */
    Launch launch(Name name, UnikernelSpec spec, UnikernelImage image, Consumer<String> console) throws CommandFailed;

    /**
     * Makes ahead what a launch of {@code name} needs whatever its image (its run directory), while a create's image
     * is still being hashed and stored: the next {@link #launch} of the name uses it instead of making it. Called on
     * the state thread while the name runs nothing. By default nothing is made ahead.
     */
    default void prepareAhead(Name name) {
    }

    /** Removes what {@link #prepareAhead} made for {@code name} if no launch has used it (its create failed). */
    default void dropAhead(Name name) {
    }

    /** What is left of {@code name} from an earlier daemon, and so what to do with it; changes nothing. */
    Readoption previous(Name name, UnikernelSpec spec);

    /**
     * Takes over the running tender {@code found}: its console from where the earlier daemon left it, its stop.
     *
     * @throws CommandFailed when it cannot be watched; it is left as it is
     */
    Launch adopt(Name name, Readoption.Adopt found, Consumer<String> console) throws CommandFailed;

    /**
     * Ends and removes what runs for none of {@code known}: a tender (and its taps and run directory) that an earlier
     * daemon started for a unikernel its saved state does not hold, so that nothing unknown is left running.
     *
     * @return the names on disk of what was removed
     */
    List<String> removeStrays(Set<Name> known);

    /** Removes what a tender that ended while no daemon watched left behind: its taps and run directory. */
    void release(Name name, MonitorRecord record);
}
