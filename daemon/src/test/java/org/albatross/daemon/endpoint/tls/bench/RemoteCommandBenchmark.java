package org.albatross.daemon.endpoint.tls.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.endpoint.tls.TlsEndpoint;
import org.albatross.daemon.testing.FakeDaemon;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.KeyType;
import org.albatross.policy.provision.KeyFileMode;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Label;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.Wire;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.WireMessageCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A remote {@code info} (new connection, TLS 1.3 handshake with a command leaf, chain read, policy in place, reply)
 * against a bare TLS 1.3 handshake with the same server settings and client chains, answered by a one-byte echo.
 * Each operation of either kind uses the next of one pool of distinct leaves, issued before the measurement. The two
 * run side by side, two threads each, in one group: whatever else the machine does slows both alike, so the ratio of
 * {@code sideBySide:remoteInfo} to {@code sideBySide:handshake} holds even on a busy machine (each rate is about
 * half what it would be alone). The target is a ratio of at least 0.8. Run with
 * {@code mvn -B -ntp -pl daemon -am verify -DskipTests -Dbench=daemon -Djmh.args="RemoteCommandBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class RemoteCommandBenchmark {
    private static final int LEAVES = 512;
    private static final KeyType KEYS = KeyType.P256;

    @Param({"JDK", "OPENSSL"})
    public SslProvider provider;

    private Path directory;
    private FakeDaemon daemon;
    private TlsEndpoint endpoint;
    private EventLoopGroup group;
    /** The echo server's own threads, as the endpoint has its own: the clients' threads are not shared. */
    private EventLoopGroup echoGroup;
    private Channel echo;
    private final List<SslContext> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws Exception {
        directory = Files.createTempDirectory("remote-bench");
        daemon = new FakeDaemon(directory);
        CertificateAuthority root = CertificateAuthority.createRoot("bench root", KEYS, Duration.ofDays(1),
                Clock.systemUTC());
        Credential server = root.issueServer("albatrossd", KEYS, Duration.ofDays(1));
        DaemonConfig.Tls config = new DaemonConfig.Tls(new DaemonConfig.ListenAddress("127.0.0.1", 0),
                Files.writeString(directory.resolve("ca.pem"), Pem.encode(root.certificate())),
                Files.writeString(directory.resolve("server.pem"), Pem.encode(server.chain())),
                Files.writeString(Files.createFile(directory.resolve("server.key"),
                        PosixFilePermissions.asFileAttribute(KeyFileMode.KEY)), Pem.encodePrivateKey(server.key())),
                java.util.Optional.empty(), new DaemonConfig.TlsLimits(Duration.ofSeconds(10),
                        Duration.ofMinutes(1), 1024, 1024, 1024, FrameDecoder.DEFAULT_MAX_FRAME_LENGTH));
        TlsEndpoint.Credentials credentials = TlsEndpoint.Credentials.read(config, provider);
        endpoint = TlsEndpoint.bind(credentials, daemon.dispatcher, event -> { }, Clock.systemUTC());
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        echoGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        echo = echoServer(credentials.ssl());
        CertificateAuthority tenant = root.delegate(Label.of("bench"), new Policy(4, java.util.Set.of(0), 512,
                java.util.Optional.empty(), java.util.Set.of()), KEYS, Duration.ofDays(1));
        for (int i = 0; i < LEAVES; i++) {
            // The command certificates live five minutes: more than a trial takes.
            Credential leaf = tenant.issueCommand(".", new UnikernelCommand.Info(), KEYS);
            clients.add(SslContextBuilder.forClient().sslProvider(provider).protocols("TLSv1.3")
                    .trustManager(root.certificate()).endpointIdentificationAlgorithm(null)
                    .keyManager(leaf.key(), leaf.chain()).build());
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        echo.close().syncUninterruptibly();
        echoGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        endpoint.close();
        daemon.close();
    }

    @Benchmark
    @Group("sideBySide")
    @GroupThreads(2)
    public Object remoteInfo() throws Exception {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        connect(endpoint.address(), new SimpleChannelInboundHandler<Wire>() {
            @Override
            protected void channelRead0(ChannelHandlerContext context, Wire wire) {
                reply.complete(wire.payload());
                context.close();
            }
        }, true, reply);
        Object answer = reply.get(10, TimeUnit.SECONDS);
        if (!(answer instanceof Success)) {
            throw new IllegalStateException("the remote info failed: " + answer);
        }
        return answer;
    }

    @Benchmark
    @Group("sideBySide")
    @GroupThreads(2)
    public Object handshake() throws Exception {
        CompletableFuture<Object> echoed = new CompletableFuture<>();
        Channel channel = connect((InetSocketAddress) echo.localAddress(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object message) {
                ((ByteBuf) message).release();
                echoed.complete(Boolean.TRUE);
                context.close();
            }
        }, false, echoed);
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        return echoed.get(10, TimeUnit.SECONDS);
    }

    private Channel connect(InetSocketAddress address, io.netty.channel.ChannelHandler last, boolean framed,
            CompletableFuture<Object> done) {
        SslContext ssl = clients.get(Math.floorMod(next.getAndIncrement(), LEAVES));
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
                        if (framed) {
                            channel.pipeline().addLast(new FrameDecoder(), new WireMessageCodec());
                        }
                        channel.pipeline().addLast(last);
                    }
                }).connect(address).syncUninterruptibly().channel();
        channel.closeFuture().addListener(closed -> done.completeExceptionally(
                new IOException("closed before the answer")));
        return channel;
    }

    private Channel echoServer(SslContext ssl) {
        return new ServerBootstrap().group(echoGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(ssl.newHandler(channel.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext context, Object message) {
                                context.writeAndFlush(message);
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }
}
