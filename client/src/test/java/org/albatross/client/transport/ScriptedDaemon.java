package org.albatross.client.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;

/**
 * A stand-in daemon on a Unix socket: the real framing, and a script that sees every frame raw (a {@link ByteBuf}
 * or {@code EndOfStream}), so a test can decode commands, read uploaded chunks and answer whatever it likes.
 */
public final class ScriptedDaemon implements AutoCloseable {
    /** What the stand-in does with each frame a client sends. */
    @FunctionalInterface
    public interface Script {
        void onFrame(ChannelHandlerContext context, Object frame);
    }

    private final EventLoopGroup group;
    private final Channel server;

    private ScriptedDaemon(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    public static ScriptedDaemon listen(Path socket, Script script) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new FrameDecoder())
                                .addLast(new FrameEncoder())
                                .addLast(new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context, Object frame) {
                                        script.onFrame(context, frame);
                                    }
                                });
                    }
                })
                .bind(new DomainSocketAddress(socket.toString()))
                .syncUninterruptibly()
                .channel();
        return new ScriptedDaemon(group, server);
    }

    public static Wire decode(Object frame) {
        return WireCodec.decode(ByteBufUtil.getBytes((ByteBuf) frame));
    }

    public static void send(ChannelHandlerContext context, Wire wire) {
        context.writeAndFlush(Unpooled.wrappedBuffer(WireCodec.encode(wire)));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
