package org.albatross.daemon.endpoint;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.netty.EndOfStream;

/**
 * Reads and drops what a client still streams after its command was answered without taking the stream (a refused
 * block set or streamed image), then closes at the client's end-of-stream frame. Closing with the client's data
 * unread would make the kernel reset the connection, and a reset discards the answer the client has not read yet;
 * a client that keeps sending is cut off after {@link #LINGER}, so a refusal holds its connection no longer than that.
 */
final class UnreadUpload extends ChannelInboundHandlerAdapter {
    static final Duration LINGER = Duration.ofSeconds(10);

    private ScheduledFuture<?> deadline;

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        deadline = context.executor().schedule((Runnable) context::close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        context.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ReferenceCountUtil.release(message);
        if (message == EndOfStream.INSTANCE) {
            context.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        deadline.cancel(false);
        context.fireChannelInactive();
    }
}
