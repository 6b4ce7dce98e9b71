package org.albatross.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A download's body, collected up to a cap: more than {@code maxBytes}, or fewer than the answer's
 * {@code Content-Length} when it ends, fails it. Counts what has arrived, for the message of one that stalls.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile long declared = -1;
    private volatile boolean started;
    private Flow.Subscription subscription;

    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** This subscriber for an answer whose headers have arrived; refuses at once one that declares too much. */
    HttpResponse.BodySubscriber<byte[]> of(HttpResponse.ResponseInfo info) {
        started = true;
        declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        if (info.statusCode() == 200 && declared > maxBytes) {
            body.completeExceptionally(new IOException("it has " + declared + " bytes, more than the unikernel's"
                    + " memory (" + maxBytes + " bytes)"));
        }
        return this;
    }

    boolean started() {
        return started;
    }

    synchronized long received() {
        return received.size();
    }

    long declared() {
        return declared;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        this.subscription = given;
        if (body.isDone()) {
            given.cancel();
        } else {
            given.request(Long.MAX_VALUE);
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            received.writeBytes(bytes);
        }
        if (received.size() > maxBytes) {
            subscription.cancel();
            body.completeExceptionally(new IOException("it is larger than the unikernel's memory (" + maxBytes
                    + " bytes)"));
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public synchronized void onComplete() {
        if (declared >= 0 && received.size() != declared) {
            body.completeExceptionally(new IOException(received.size() + " of " + declared + " bytes"));
        } else {
            body.complete(received.toByteArray());
        }
    }
}
