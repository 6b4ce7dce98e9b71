package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.albatross.client.transport.CommandRefused;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;

/** One command sent and its answer printed: the reply, then, for a stream, its data until it ends. */
final class Exchange {
    /** A stream that is followed waits this long for its next element: until interrupted, in practice. */
    private static final Duration FOLLOW = Duration.ofDays(365);

    private Exchange() {
    }

    static int oneShot(Output output, Name name, Command command) throws IOException {
        return run(output, name, command, Optional.empty(), reply -> output.reply(name, reply), 0, output::data);
    }

    /** Sends the command and then {@code size} bytes of {@code data}, with their progress on a terminal. */
    static int upload(Output output, Name name, Command command, InputStream data, long size)
            throws IOException {
        TransferProgress progress = output.progress(OptionalLong.of(size));
        try {
            return run(output, name, command, Optional.of(new UploadProgress(data, progress)),
                    reply -> output.reply(name, reply), 0, output::data);
        } finally {
            // the line ends before a failure is reported, if the upload stopped short
            progress.finish();
        }
    }

    /**
     * Checks the reply (a subscription's success says nothing worth printing), then prints at most {@code limit}
     * data ({@code 0}: until the daemon or the user ends the stream).
     */
    static int follow(Output output, Name name, Command command, int limit) throws IOException {
        return run(output, name, command, Optional.empty(), Answer::success,
                limit <= 0 ? Integer.MAX_VALUE : limit, output::data);
    }

    /**
     * Sends the command and hands the reply and up to {@code limit} data to their consumers; each data comes with
     * the name its header carries.
     */
    static int run(Output output, Name name, Command command, Optional<InputStream> upload,
            Consumer<Answer> onReply, int limit, Consumer<Stream.Element> onData) throws IOException {
        Target.Delivery delivery = output.target().deliver(name, command, upload, output);
        if (delivery instanceof Target.Delivery.Sent sent) {
            try (Stream stream = sent.stream()) {
                onReply.accept(sent.stream().reply());
                for (int seen = 0; seen < limit; seen++) {
                    Optional<Stream.Element> element = stream.nextNamed(FOLLOW);
                    if (element.isEmpty() || element.get().data() instanceof Data.BlockEnd) {
                        break;
                    }
                    onData.accept(element.get());
                }
            } catch (CommandRefused refusal) {
                throw refused(output.subcommand(), name, command, refusal);
            }
        }
        return ExitCode.SUCCESS.code();
    }

    /**
     * The daemon's refusal as the user reads it: what was asked ({@code destroy web}), the daemon's reason, and, when
     * the daemon knew no such name, where the names are listed. The reasons for a name the daemon does not know are
     * albatross's texts ({@code destroy: not found}, {@code get: no unikernel found}, {@code restart: no unikernel
     * NAME is running}), which the daemon keeps for albatross's clients.
     */
    static ClientFailure refused(String subcommand, Name name, Command command, CommandRefused refusal) {
        String reason = refusal.getMessage();
        String listed = !(reason.contains("not found") || reason.contains("no unikernel")) ? ""
                : command instanceof BlockCommand ? "; albatross-client block lists the block devices you may see"
                : "; albatross-client info lists the unikernels you may see";
        return new ClientFailure(ExitCode.REMOTE_COMMAND_FAILED, subcommand + asTyped(name) + ": the daemon refused: "
                + reason + listed, refusal);
    }

    /** A name as the user typed it: {@code web} rather than {@code :web}, nothing for the root. */
    private static String asTyped(Name name) {
        if (name.path().isRoot()) {
            return name.label().map(label -> " " + label).orElse("");
        }
        return " " + name;
    }
}
