package org.albatross.daemon.endpoint.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.endpoint.PipelineStage;
import org.albatross.daemon.endpoint.WireEncoder;
import org.albatross.daemon.supervisor.EventSink;
import org.albatross.policy.cert.IdentityReader;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;

/**
 * The remote endpoint's pipeline, from the socket: connection limits, idle timeout, TLS (with its handshake
 * timeout), framing with its cap, replies encoded as messages, then the identity stage, which gives way to the
 * command handler once the chain is read. The client sends no messages, only raw frames of a streamed image, so
 * nothing decodes messages.
 */
final class TlsEndpointInitializer extends ChannelInitializer<Channel> {
    private static final FrameEncoder FRAME_ENCODER = new FrameEncoder();

    private final SslContext ssl;
    private final DaemonConfig.TlsLimits limits;
    /** The {@code endpoint} tag of this endpoint's connections. */
    private static final String ENDPOINT = "tls";

    private final Dispatcher dispatcher;
    private final Supplier<IdentityReader> reader;
    private final Refusals refusals;
    private final EventSink events;
    private final Clock clock;
    private final ConnectionLimiter limiter;
    private final IdleGuard idleGuard;
    private final FrameCapGuard frameCapGuard;

    TlsEndpointInitializer(SslContext ssl, DaemonConfig.TlsLimits limits, Dispatcher dispatcher, Supplier<IdentityReader> reader,
            Refusals refusals, EventSink events, Clock clock) {
        this.ssl = ssl;
        this.limits = limits;
        this.dispatcher = dispatcher;
        this.reader = reader;
        this.refusals = refusals;
        this.events = events;
        this.clock = clock;
        this.limiter = new ConnectionLimiter(limits, refusals);
        this.idleGuard = new IdleGuard(limits, refusals);
        this.frameCapGuard = new FrameCapGuard(refusals);
    }

    @Override
    protected void initChannel(Channel channel) {
        dispatcher.meters().connectionOpened(ENDPOINT);
        channel.closeFuture().addListener(closed -> dispatcher.meters().connectionClosed(ENDPOINT));
        SslHandler tls = ssl.newHandler(channel.alloc());
        tls.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
        channel.pipeline()
                .addLast(PipelineStage.CONNECTION_LIMITER, limiter)
                .addLast(PipelineStage.IDLE_TIMEOUT, new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(),
                        TimeUnit.MILLISECONDS))
                .addLast(PipelineStage.IDLE_GUARD, idleGuard)
                .addLast(PipelineStage.TLS, tls)
                .addLast(PipelineStage.FRAME_DECODER, new FrameDecoder(limits.maxFrameLength()))
                .addLast(PipelineStage.FRAME_CAP, frameCapGuard)
                .addLast(PipelineStage.FRAME_ENCODER, FRAME_ENCODER)
                .addLast(PipelineStage.WIRE_CODEC, WireEncoder.INSTANCE)
                .addLast(PipelineStage.IDENTITY, new IdentityHandler(dispatcher, reader, refusals, events, clock));
    }
}
