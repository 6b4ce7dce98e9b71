package org.albatross.daemon.endpoint;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.function.Supplier;
import org.albatross.daemon.dispatch.Caller;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;
import org.albatross.protocol.netty.WireMessageCodec;

/**
 * The local endpoint's pipeline: 4-byte length framing, DER to messages, then the command handler. The socket's
 * file permissions are the local endpoint's only authentication, so there is no identity stage: a local client acts
 * at the root path.
 */
public final class LocalEndpointInitializer extends ChannelInitializer<Channel> {
    private static final FrameEncoder FRAME_ENCODER = new FrameEncoder();
    private static final WireMessageCodec WIRE_CODEC = new WireMessageCodec();
    /** The {@code endpoint} tag of this endpoint's connections. */
    private static final String ENDPOINT = "local";

    /** The dispatcher, asked for once a connection is accepted (the endpoint is set up before the dispatcher is). */
    private final Supplier<Dispatcher> commands;
    private final int maxFrameLength;

    public LocalEndpointInitializer(Supplier<Dispatcher> commands, int maxFrameLength) {
        this.commands = commands;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void initChannel(Channel channel) {
        Dispatcher dispatcher = commands.get();
        dispatcher.meters().connectionOpened(ENDPOINT);
        channel.closeFuture().addListener(closed -> dispatcher.meters().connectionClosed(ENDPOINT));
        channel.pipeline()
                .addLast(PipelineStage.FRAME_DECODER, new FrameDecoder(maxFrameLength))
                .addLast(PipelineStage.FRAME_ENCODER, FRAME_ENCODER)
                .addLast(PipelineStage.WIRE_CODEC, WIRE_CODEC)
                .addLast(PipelineStage.COMMAND_HANDLER, new CommandHandler(dispatcher, Caller.LOCAL));
    }
}
