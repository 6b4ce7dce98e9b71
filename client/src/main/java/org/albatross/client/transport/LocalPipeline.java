package org.albatross.client.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;
import org.albatross.protocol.netty.WireMessageCodec;

/**
 * The client's pipeline on the local socket, built from the same handlers as the daemon's: 4-byte length framing,
 * frame to message codec, then the queue the caller reads from. Stages are named so they can be found and replaced.
 */
final class LocalPipeline extends ChannelInitializer<Channel> {
    static final String FRAME_DECODER = "frame-decoder";
    static final String FRAME_ENCODER = "frame-encoder";
    static final String WIRE_CODEC = "wire-codec";
    static final String INBOUND_QUEUE = "inbound-queue";

    private static final FrameEncoder FRAME_ENCODER_INSTANCE = new FrameEncoder();
    private static final WireMessageCodec WIRE_CODEC_INSTANCE = new WireMessageCodec();

    private final InboundQueue inbound;

    LocalPipeline(InboundQueue inbound) {
        this.inbound = inbound;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline()
                .addLast(FRAME_DECODER, new FrameDecoder())
                .addLast(FRAME_ENCODER, FRAME_ENCODER_INSTANCE)
                .addLast(WIRE_CODEC, WIRE_CODEC_INSTANCE)
                .addLast(INBOUND_QUEUE, inbound);
    }
}
