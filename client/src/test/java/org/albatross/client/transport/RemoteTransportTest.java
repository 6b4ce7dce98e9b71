package org.albatross.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Header;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of albatross's remote flow against a stand-in TLS endpoint on loopback: it checks the chain the
 * client presents, answers with the command read from the leaf, and counts the bytes of a streamed image.
 */
class RemoteTransportTest {
    private static final Duration SHORT = Duration.ofSeconds(10);

    private final CertificateAuthority root = CertificateAuthority.createRoot("root", KeyType.DEFAULT,
            Duration.ofDays(1), Clock.systemUTC());
    private EventLoopGroup group;
    private Channel server;

    @BeforeEach
    void listen() throws Exception {
        Credential serverCredential = root.issueServer("server", KeyType.DEFAULT, Duration.ofDays(1));
        SslContext context = SslContextBuilder.forServer(serverCredential.key(),
                        serverCredential.chain().toArray(X509Certificate[]::new))
                .trustManager(root.certificate())
                .clientAuth(ClientAuth.REQUIRE)
                .protocols("TLSv1.3")
                .build();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(context.newHandler(channel.alloc()), new StandInEndpoint());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theDaemonReadsTheCommandFromTheLeafAndSpeaksFirst() throws Exception {
        CertificateAuthority tenant = root.delegate(Label.of("a"), new Policy(2, Set.of(0), 64,
                Optional.empty(), Set.of()), KeyType.DEFAULT, Duration.ofDays(1));
        Credential leaf = tenant.issueCommand("web", new UnikernelCommand.Info(), KeyType.DEFAULT);

        try (Stream stream = RemoteTransport.connect(address(), withoutRoot(leaf), List.of(root.certificate()), SHORT)
                .receive()) {
            assertThat(stream.reply().success()).isEqualTo(new Success.Message("chain of 2, command Info[]"));
        }
    }

    @Test
    void anImageStreamedAfterTheHandshakeArrivesWhole() throws Exception {
        Credential leaf = root.issueCommand("disk", new BlockCommand.Set(false), KeyType.DEFAULT);
        byte[] image = new byte[200_000];

        try (Stream stream = RemoteTransport.connect(address(), leaf, List.of(root.certificate()), SHORT)
                .uploadThenReceive(new ByteArrayInputStream(image))) {
            assertThat(stream.reply().success()).isEqualTo(new Success.Message("received " + image.length));
        }
    }

    @Test
    void aDaemonFromAnotherCaIsRemoteAuthenticationFailure() {
        CertificateAuthority stranger = CertificateAuthority.createRoot("stranger", KeyType.DEFAULT,
                Duration.ofDays(1), Clock.systemUTC());
        Credential leaf = root.issueCommand("web", new UnikernelCommand.Info(), KeyType.DEFAULT);

        assertThatThrownBy(() -> RemoteTransport.connect(address(), leaf, List.of(stranger.certificate()), SHORT))
                .isInstanceOfSatisfying(TransportError.class, error -> assertThat(error.reason())
                        .isEqualTo(TransportError.Reason.REMOTE_AUTHENTICATION_FAILED))
                .hasMessageContaining("--server-ca");
    }

    @Test
    void aClientChainTheDaemonDoesNotTrustIsLocalAuthenticationFailure() {
        CertificateAuthority stranger = CertificateAuthority.createRoot("stranger", KeyType.DEFAULT,
                Duration.ofDays(1), Clock.systemUTC());
        Credential leaf = stranger.issueCommand("web", new UnikernelCommand.Info(), KeyType.DEFAULT);

        assertThatThrownBy(() -> RemoteTransport.connect(address(), leaf, List.of(root.certificate()), SHORT)
                .receive())
                .isInstanceOfSatisfying(TransportError.class, error -> assertThat(error.reason())
                        .isIn(TransportError.Reason.LOCAL_AUTHENTICATION_FAILED,
                                TransportError.Reason.COMMUNICATION_FAILED));
    }

    @Test
    void nobodyListeningIsConnectionFailure() throws Exception {
        Credential leaf = root.issueCommand("web", new UnikernelCommand.Info(), KeyType.DEFAULT);
        InetSocketAddress closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) probe.getLocalSocketAddress();
        }

        assertThatThrownBy(() -> RemoteTransport.connect(closed, leaf, List.of(root.certificate()), SHORT))
                .isInstanceOfSatisfying(TransportError.class, error -> assertThat(error.reason())
                        .isEqualTo(TransportError.Reason.CONNECTION_FAILED));
    }

    @Test
    void thePipelineHasTlsThenTheDaemonsNamedFramingStagesInOrder() {
        SslContext context = RemoteTransport.context(root.issueCommand("web", new UnikernelCommand.Info(),
                KeyType.DEFAULT), List.of(root.certificate()));
        EmbeddedChannel channel = new EmbeddedChannel(new RemotePipeline(context, address(), SHORT,
                new InboundQueue()));

        assertThat(channel.pipeline().names()).startsWith(RemotePipeline.TLS, FrameDecoder.NAME, FrameEncoder.NAME,
                RemotePipeline.INBOUND_QUEUE);
        channel.finishAndReleaseAll();
    }

    private InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    private static Credential withoutRoot(Credential leaf) {
        return new Credential(leaf.chain().subList(0, leaf.chain().size() - 1), leaf.key());
    }

    /**
     * Answers "chain of N, command C" once the handshake is done, or, for a block set, whose data follows the
     * handshake, "received N" after the zero-length frame that ends it. A refused handshake just closes.
     */
    private static final class StandInEndpoint extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final ByteBuf pending = Unpooled.buffer();

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                var chain = context.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
                var command = AlbatrossExtension.command((X509Certificate) chain[0]).orElseThrow();
                if (!(command instanceof BlockCommand.Set)) {
                    reply(context, "chain of " + chain.length + ", command " + command);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            pending.writeBytes(bytes);
            bytes.release();
            while (pending.readableBytes() >= 4 && pending.readableBytes() >= 4 + pending.getInt(pending.readerIndex())) {
                int length = pending.readInt();
                if (length == 0) {
                    reply(context, "received " + received.size());
                    return;
                }
                received.writeBytes(ByteBufUtil.getBytes(pending.readBytes(length)));
            }
        }

        private static void reply(ChannelHandlerContext context, String text) {
            byte[] wire = WireCodec.encode(new Wire(new Header(0, Name.ROOT), new Success.Message(text)));
            context.writeAndFlush(Unpooled.buffer().writeInt(wire.length).writeBytes(wire));
        }
    }
}
