package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.albatross.vmm.TestKernel;
import org.albatross.vmm.solo5.ZlibImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * create's and restart's albatross flags (devices, arguments, fail behaviour, compression), checked through the
 * request {@code --socket -} prints, against albatross's own encodings where they have one; and where a remote
 * create's image travels, checked through the command certificate {@code -d -} prints.
 */
class CreateAndRestartTest {
    @TempDir
    Path dir;

    private Path kernel;

    @BeforeEach
    void testKernel() throws IOException {
        kernel = Files.write(dir.resolve("vm.img"), TestKernel.bytes());
    }

    @Test
    void createsArgumentsAreAlbatrosssForTheSameFlags() {
        AlbatrossVectors.assumePresent();
        UnikernelConfig albatross = ((UnikernelCommand.Create) WireCodec.decode(AlbatrossVectors.encodings()
                .get("cmd_unikernel_create_full").bytes()).payload()).config();

        UnikernelConfig ours = created("create", kernel.toString(), "--name", "hello", "--restart-on-fail",
                "--exit-code", "1", "--exit-code", "3", "--startup", "10", "--cpu", "0", "--cpu", "1", "--mem", "32",
                "--block", "storage:disk1@512", "--block", "data", "--net", "service:br0@00:80:41:aa:bb:cc",
                "--net", "other", "--arg", "-l", "--arg", "*:debug", "--cpus", "2");

        assertThat(ours.runArguments()).isEqualTo(albatross.runArguments());
    }

    @Test
    void restartWithReplacedArgumentsIsByteForByteAlbatrosssPayload() {
        AlbatrossVectors.assumePresent();
        Wire albatross = WireCodec.decode(AlbatrossVectors.encodings().get("cmd_unikernel_restart_args").bytes());

        Wire ours = ClientRun.printed("restart", "foo", "--replace-arguments", "--restart-on-fail", "--exit-code",
                "1", "--exit-code", "2", "--mem", "64", "--arg=--foo");

        assertThat(ours.header().name()).isEqualTo(albatross.header().name());
        assertThat(WireCodec.encode(new Wire(albatross.header(), ours.payload())))
                .isEqualTo(AlbatrossVectors.encodings().get("cmd_unikernel_restart_args").bytes());
    }

    @Test
    void restartWithoutReplacedArgumentsKeepsTheUnikernelsOwn() {
        assertThat(ClientRun.printed("restart", "foo").payload())
                .isEqualTo(new UnikernelCommand.Restart(Optional.empty()));
    }

    @Test
    void runOptionsWithoutReplaceArgumentsAreRefusedRatherThanIgnored() {
        ClientRun run = ClientRun.of("--socket", "-", "restart", "foo", "--mem", "64");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).hasLineCount(1).contains("--replace-arguments");
    }

    @Test
    void devicesTakeAlbatrossSyntaxWithHostDeviceSectorSizeAndMac() {
        UnikernelConfig config = created("create", kernel.toString(), "--block", "data", "--block",
                "storage:disk1@4096", "--net", "service", "--net", "ext:br1@00:80:41:aa:bb:cc");

        assertThat(config.blockDevices()).containsExactlyInAnyOrder(BlockAttachment.named("data"),
                new BlockAttachment("storage", Optional.of("disk1"), Optional.of(4096)));
        assertThat(config.bridges()).containsExactlyInAnyOrder(NetworkAttachment.named("service"),
                new NetworkAttachment("ext", Optional.of("br1"), Optional.of(MacAddress.parse("00:80:41:aa:bb:cc"))));
    }

    @Test
    void argumentsCpusAndFailBehaviourDefaultAsAlbatrosss() {
        UnikernelConfig config = created("create", kernel.toString());

        assertThat(config.arguments()).isEmpty();
        assertThat(config.addName()).isTrue();
        assertThat(config.numCpus()).isEqualTo(1);
        assertThat(config.startup()).isEmpty();
        assertThat(config.failBehaviour()).isEqualTo(new FailBehaviour.Quit());
        assertThat(created("create", kernel.toString(), "--restart-on-fail", "--no-add-name").failBehaviour())
                .as("no exit code: restart on any").isEqualTo(new FailBehaviour.Restart(Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--block=disk@100 | power of two",
        "--block=disk:sda:sdb | more than one ':'",
        "--block=:sda | empty name",
        "--net=service@00:80 | six hex bytes",
        "--block=disk@x | must be a number"})
    void aMalformedDeviceIsAUsageErrorSayingWhatIsExpected(String option, String reason) {
        ClientRun run = ClientRun.of("--socket", "-", "create", kernel.toString(), option);

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).contains(reason);
    }

    @Test
    void twoDevicesOfOneNameAreRefusedAsAlbatrossDoes() {
        ClientRun run = ClientRun.of("--socket", "-", "create", kernel.toString(), "--net", "service",
                "--net", "service:br1");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).hasLineCount(1).contains("\"service\" is given twice");
    }

    @Test
    void locallyTheImageGoesUncompressedUnlessAsked() throws Exception {
        byte[] image = Files.readAllBytes(kernel);

        UnikernelConfig plain = created("create", kernel.toString());
        UnikernelConfig compressed = created("create", kernel.toString(), "--compression-level", "6");
        UnikernelConfig shorthand = created("create", kernel.toString(), "--compress");

        assertThat(plain.compressed()).isFalse();
        assertThat(plain.image().toByteArray()).isEqualTo(image);
        for (UnikernelConfig config : List.of(compressed, shorthand)) {
            assertThat(config.compressed()).isTrue();
            assertThat(config.image().size()).isLessThan(image.length);
            assertThat(ZlibImage.inflate(config.image().toByteArray(), Long.MAX_VALUE)).isEqualTo(image);
        }
    }

    @Test
    void aCompressionLevelOutsideZlibsIsAUsageError() {
        ClientRun run = ClientRun.of("--socket", "-", "create", kernel.toString(), "--compression-level", "10");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).hasLineCount(1).contains("0 (none) to 9");
    }

    @Test
    void remotelyASmallImageTravelsCompressedInsideTheCertificate() throws Exception {
        UnikernelConfig config = remotelyCreated(kernel);

        assertThat(config.compressed()).isTrue();
        assertThat(ZlibImage.inflate(config.image().toByteArray(), Long.MAX_VALUE))
                .isEqualTo(Files.readAllBytes(kernel));
    }

    @Test
    void remotelyAnImageLargerThanTheCertificateLimitIsStreamed() throws Exception {
        Path large = withIncompressibleTail(ImageTransfer.CERTIFICATE_LIMIT + 1024);

        UnikernelConfig config = remotelyCreated(large);

        assertThat(config.image().isEmpty()).as("the image follows the handshake").isTrue();
        assertThat(config.compressed()).as("the stream carries the compressed image").isTrue();
    }

    @Test
    void imageViaForcesEitherWay() throws Exception {
        Path large = withIncompressibleTail(ImageTransfer.CERTIFICATE_LIMIT + 1024);

        assertThat(remotelyCreated(kernel, "--image-via", "stream").image().isEmpty()).isTrue();
        assertThat(remotelyCreated(large, "--image-via", "certificate").image().size())
                .isGreaterThan(ImageTransfer.CERTIFICATE_LIMIT);
        assertThat(created("create", kernel.toString(), "--image-via", "stream").image().isEmpty())
                .as("locally too, a stream after the command").isTrue();
    }

    /** The test kernel with {@code bytes} random bytes appended: still a kernel, no longer compressible. */
    private Path withIncompressibleTail(int bytes) throws IOException {
        byte[] tail = new byte[bytes];
        new Random(42).nextBytes(tail);
        Path large = dir.resolve("large.img");
        Files.write(large, TestKernel.bytes());
        Files.write(large, tail, StandardOpenOption.APPEND);
        return large;
    }

    private UnikernelConfig remotelyCreated(Path image, String... options) throws Exception {
        assertThat(ClientRun.of("generate", "root", dir.toString()).exit()).isZero();
        assertThat(ClientRun.of("certificate", dir.resolve("root.pem").toString(), dir.resolve("root.key").toString(),
                "a", dir.toString(), "--unikernels", "2", "--mem", "64", "--cpus", "0").exit()).isZero();
        List<String> args = Stream.concat(Stream.of("create", image.toString(), "-d", "-", "--ca-cert",
                dir.resolve("a.pem").toString(), "--ca-key", dir.resolve("a.key").toString()), Stream.of(options))
                .toList();
        ClientRun run = ClientRun.of(args.toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        List<X509Certificate> chain = Pem.certificates(run.out());
        return ((UnikernelCommand.Create) AlbatrossExtension.command(chain.get(0)).orElseThrow()).config();
    }

    private static UnikernelConfig created(String... args) {
        Wire request = ClientRun.printed(args);
        return ((UnikernelCommand.Create) request.payload()).config();
    }

}
