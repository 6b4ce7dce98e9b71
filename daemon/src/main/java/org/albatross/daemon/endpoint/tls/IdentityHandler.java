package org.albatross.daemon.endpoint.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.albatross.daemon.dispatch.Caller;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.endpoint.CommandHandler;
import org.albatross.daemon.endpoint.PipelineStage;
import org.albatross.daemon.supervisor.EventSink;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.policy.cert.Delegation;
import org.albatross.policy.cert.Identity;
import org.albatross.policy.cert.IdentityReader;
import org.albatross.protocol.Event;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the handshake's client chain into an {@link Identity}, installs the chain's policies, and then hands the
 * leaf's command to a {@link CommandHandler} acting at the tenant's path, which it puts in its own place. Frames the
 * client streams meanwhile (an image) wait here and follow the command. Records the login, and the logout when the
 * connection closes.
 */
final class IdentityHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityHandler.class);
    private static final AttributeKey<Caller> CALLER = AttributeKey.valueOf(IdentityHandler.class, "caller");

    private final Dispatcher dispatcher;
    private final Supplier<IdentityReader> reader;
    private final Refusals refusals;
    private final EventSink events;
    private final Clock clock;
    private final List<Object> early = new ArrayList<>();

    IdentityHandler(Dispatcher dispatcher, Supplier<IdentityReader> reader, Refusals refusals, EventSink events,
            Clock clock) {
        this.dispatcher = dispatcher;
        this.reader = reader;
        this.refusals = refusals;
        this.events = events;
        this.clock = clock;
    }

    /** Who the connection's client is: {@link Caller#UNIDENTIFIED} until its chain is read. */
    static Caller caller(Channel channel) {
        return Optional.ofNullable(channel.attr(CALLER).get()).orElse(Caller.UNIDENTIFIED);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent done)) {
            context.fireUserEventTriggered(event);
        } else if (done.isSuccess()) {
            dispatcher.meters().handshake(true, "ok");
            authenticate(context);
        } else {
            boolean timedOut = done.cause() instanceof SslHandshakeTimeoutException;
            dispatcher.meters().handshake(false, timedOut ? "timeout" : "failed");
            refusals.refuse(timedOut ? Refusal.HANDSHAKE_TIMEOUT : Refusal.HANDSHAKE_FAILED, Caller.UNIDENTIFIED,
                    context.channel(), done.cause().getMessage());
            context.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        early.add(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // A failed handshake also ends in its completion event, where it is refused once.
        if (!(cause.getCause() instanceof SSLException)) {
            LOG.debug("connection from {} failed before its command: {}", context.channel(),
                    cause.getMessage());
        }
        context.close();
    }

    private void authenticate(ChannelHandlerContext context) {
        Channel channel = context.channel();
        Identity identity;
        List<X509Certificate> chain = List.of();
        try {
            chain = peerChain(channel);
            identity = reader.get().read(chain, clock.instant());
        } catch (ChainRefused e) {
            refusals.refuse(Refusal.CHAIN_REFUSED, claimedBy(chain, channel), channel, e.getMessage());
            refuse(context, new Header(0, Name.ROOT), e.getMessage());
            return;
        }
        Caller caller = Caller.remote(session(identity.name().path(), chain, channel));
        channel.attr(CALLER).set(caller);
        Event.Session session = caller.session().orElseThrow();
        events.record(new Event.Login(session));
        channel.closeFuture().addListener(closed -> events.record(new Event.Logout(session)));
        channel.config().setAutoRead(false);
        dispatcher.install(identity.policies()).whenComplete((refused, error) -> context.executor().execute(() -> {
            Header header = new Header(0, identity.name());
            if (error != null) {
                LOG.error("installing the policies of {} failed", identity.name(), error);
                refuse(context, header, "internal error of the daemon: " + error.getMessage());
            } else if (refused.isPresent()) {
                refusals.refuse(Refusal.POLICY_REFUSED, caller, channel, refused.get().message());
                refuse(context, header, refused.get().message());
            } else {
                run(context, header, identity, caller);
            }
        }));
    }

    private void run(ChannelHandlerContext context, Header header, Identity identity, Caller caller) {
        context.pipeline().addAfter(context.name(), PipelineStage.COMMAND_HANDLER,
                new CommandHandler(dispatcher, caller));
        context.channel().config().setAutoRead(true);
        context.fireChannelRead(new Wire(header, identity.command()));
        early.forEach(context::fireChannelRead);
        early.clear();
        context.pipeline().remove(this);
    }

    /**
     * Who a refused chain says its client is: the handshake verified its signatures, so the path its CAs name and its
     * leaf's serial are the root CA's word even when the chain is refused for another reason (expired, revoked, a
     * command a certificate may not carry). Unidentified when there is no chain or its CAs do not give a path.
     */
    private static Caller claimedBy(List<X509Certificate> chain, Channel channel) {
        if (chain.isEmpty()) {
            return Caller.UNIDENTIFIED;
        }
        try {
            List<Delegation> policies = IdentityReader.delegations(chain.subList(1, chain.size()));
            Path path = policies.isEmpty() ? Path.ROOT : policies.get(policies.size() - 1).path();
            return Caller.remote(session(path, chain, channel));
        } catch (ChainRefused noPath) {
            return Caller.UNIDENTIFIED;
        }
    }

    private static Event.Session session(Path tenant, List<X509Certificate> chain, Channel channel) {
        return new Event.Session(tenant, chain.get(0).getSerialNumber(), String.valueOf(channel.remoteAddress()));
    }

    private static List<X509Certificate> peerChain(Channel channel) throws ChainRefused {
        try {
            Certificate[] presented = channel.pipeline().get(SslHandler.class).engine().getSession()
                    .getPeerCertificates();
            return Arrays.stream(presented).map(X509Certificate.class::cast).toList();
        } catch (SSLException e) {
            throw new ChainRefused(ChainRefused.Reason.EMPTY, "the client presented no certificate chain", e);
        }
    }

    private void refuse(ChannelHandlerContext context, Header header, String message) {
        context.writeAndFlush(new Wire(header, new Failure(message))).addListener(ChannelFutureListener.CLOSE);
    }
}
