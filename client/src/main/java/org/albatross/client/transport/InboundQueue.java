package org.albatross.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.albatross.protocol.netty.EndOfStream;

/**
 * The last stage of the remote pipeline: queues every frame, the peer's end of stream, a broken connection and the
 * close, so that the caller's thread reads them in order without running on the event loop.
 */
final class InboundQueue extends ChannelInboundHandlerAdapter {
    private final BlockingQueue<Inbound> queue = new LinkedBlockingQueue<>();

    BlockingQueue<Inbound> queue() {
        return queue;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof ByteBuf frame) {
            try {
                queue.add(new Inbound.Frame(ByteBufUtil.getBytes(frame)));
            } finally {
                frame.release();
            }
        } else if (message == EndOfStream.INSTANCE) {
            queue.add(new Inbound.EndOfStream());
        } else {
            queue.add(new Inbound.Broken(new IllegalStateException("unexpected inbound " + message)));
            context.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        queue.add(new Inbound.Broken(cause));
        context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        queue.add(new Inbound.Closed());
    }
}
