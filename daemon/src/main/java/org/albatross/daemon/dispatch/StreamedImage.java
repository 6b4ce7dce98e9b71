package org.albatross.daemon.dispatch;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.reply.InboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.IncomingFile;
import org.albatross.daemon.supervisor.ImageIntake;
import org.albatross.daemon.supervisor.ReceivedImage;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Payload;
import org.albatross.protocol.UnikernelConfig;

/**
 * The image of a remote create, streamed after the handshake because it did not fit in the certificate: written into
 * the image store as it arrives (by a {@link ChunkWriter}, inflated and capped as an image sent inline would be), never
 * held in memory; the unikernel is created once the stream ends.
 */
final class StreamedImage implements InboundStream {
    private final UnikernelConfig config;
    private final ImageIntake intake;
    private final BiFunction<UnikernelConfig, ReceivedImage, CompletableFuture<Reply>> create;
    private final ChunkWriter writer;
    private ImageStore.Intake image;
    private long chunks;
    private String problem;

    StreamedImage(UnikernelConfig config, ImageIntake intake,
            BiFunction<UnikernelConfig, ReceivedImage, CompletableFuture<Reply>> create, Runnable resume) {
        this.config = config;
        this.intake = intake;
        this.create = create;
        this.writer = new ChunkWriter("streamed-image", resume);
        writer.write(this::open);
    }

    @Override
    public boolean accept(byte[] chunk) {
        return writer.write(() -> store(chunk));
    }

    @Override
    public CompletableFuture<Payload> end() {
        return writer.finish(this::received).thenCompose(received -> received);
    }

    @Override
    public void abort() {
        writer.abort(() -> {
            problem = "the client went away";
            closeQuietly();
        });
    }

    private void open() {
        try {
            image = intake.open(config);
        } catch (CommandFailed e) {
            problem = e.getMessage();
        }
    }

    private void store(byte[] chunk) {
        if (problem != null) {
            return;
        }
        try {
            image.write(chunk, 0, chunk.length);
            chunks++;
        } catch (IncomingFile.Refused e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "cannot store the image: " + e.getMessage();
        }
    }

    private CompletableFuture<Payload> received() {
        if (problem == null && chunks == 0) {
            problem = "the create carried no image and none was streamed";
        }
        if (problem != null) {
            closeQuietly();
            return CompletableFuture.completedFuture(new Failure(problem));
        }
        ReceivedImage received;
        try {
            received = intake.received(config.typ(), image);
        } catch (CommandFailed e) {
            return CompletableFuture.completedFuture(new Failure(e.getMessage()));
        } finally {
            closeQuietly();
        }
        return create.apply(config, received).whenComplete((reply, error) -> intake.release(received))
                .thenApply(Reply::answer);
    }

    private void closeQuietly() {
        if (image != null) {
            image.close();
            image = null;
        }
    }
}
