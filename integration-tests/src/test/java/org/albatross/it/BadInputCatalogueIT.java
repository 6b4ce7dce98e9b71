package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.albatross.client.ClientCommandLine;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.TransportError;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Event;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;
import org.albatross.vmm.TestKernel;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's catalogue of bad input: frames, DER, certificates, images, block data, configuration and command-line
 * arguments. Each case has an id and the one line its user sees (the daemon's failure reply, the client's error, the
 * daemon's refusal to start); that line names the problem, no stack trace shows anywhere, nothing changes (the
 * daemon's state is the same, the event log holds refusals at most) and the daemon still serves. docs/security.md
 * lists the same cases ({@link #docsSecurityListsTheCatalogue}). Issue 5's MalformedInputIT cases live here now;
 * policy refusals of a create are PolicyIT's, name isolation is IsolationMatrixIT's. Issue 14 adds the client's
 * mistakes (each one line with albatross's exit code) and every subcommand's {@code --help}.
 */
class BadInputCatalogueIT {
    private static final Policy TENANT = new Policy(2, Set.of(0), 64, Optional.of(2L), Set.of());
    private static final Policy BIGGER = new Policy(3, Set.of(0), 128, Optional.of(4L), Set.of());
    private static final Policy NO_BLOCKS = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());
    private static final String CATALOGUE_START = "<!-- bad-input-catalogue: generated from BadInputCatalogueIT -->";
    private static final String CATALOGUE_END = "<!-- end of bad-input-catalogue -->";
    /** Far more than an image may take inflated (512 MiB), yet a few hundred KiB compressed. */
    private static final int BOMB_BYTES = 600 << 20;
    /** cmdliner's exit code for a command line that cannot be used. */
    private static final int USAGE = 124;
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(");

    @RegisterExtension
    static final DaemonExtension albatrossd = DaemonExtension.servingTls();

    @TempDir
    static Path scratch;

    private static EventWatch events;
    private static CertificateAuthority tenant;
    private static CertificateAuthority revoked;

    @BeforeAll
    static void prepare() throws Exception {
        events = EventWatch.start(albatrossd);
        CertificateAuthority root = albatrossd.tls().root();
        tenant = root.delegate(Label.of("t"), TENANT, TlsFixture.KEYS, Duration.ofDays(1));
        revoked = root.delegate(Label.of("gone"), TENANT, TlsFixture.KEYS, Duration.ofDays(1));
        albatrossd.request(new PolicyCommand.Add(TENANT), "t:").success();
        albatrossd.request(new PolicyCommand.Add(NO_BLOCKS), "noblocks:").success();
        albatrossd.request(new BlockCommand.Add(1), "t:small").success();
        // no SIGHUP: the daemon reads the list again at the first connection after its file changed
        albatrossd.tls().revoke(List.of(revoked.certificate().getSerialNumber()));
        Files.writeString(scratch.resolve("t.pem"), Pem.encode(tenant.credential().chain()));
        String key = Pem.encodePrivateKey(tenant.credential().key());
        Files.setPosixFilePermissions(Files.writeString(scratch.resolve("t.key"), key),
                PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(Files.writeString(scratch.resolve("loose.key"), key),
                PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(scratch.resolve("root.pem"), Pem.encode(root.certificate()));
        Files.setPosixFilePermissions(Files.writeString(scratch.resolve("certificate.key"),
                Pem.encode(root.certificate())), PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void stopWatching() {
        events.close();
    }

    /** One bad input: its id, what it is, the text its user must see, and how to send it. */
    record BadInput(String id, String area, String input, String error, Attempt attempt) {
        @Override
        public String toString() {
            return id + " " + area + ": " + input;
        }

        String tableRow() {
            return "| " + id + " | " + area + " | " + input + " | `" + error.replace("|", "\\|") + "` |";
        }
    }

    /** Sends a bad input; returns what its user sees. */
    @FunctionalInterface
    interface Attempt {
        String run() throws Exception;
    }

    static Stream<BadInput> catalogue() {
        List<BadInput> cases = new ArrayList<>();
        byte[] destroy = WireCodec.encode(new Wire(new Header(1, Name.parse("steady")),
                new UnikernelCommand.Destroy()));
        int payload = 4 + destroy[3];
        // frames: a 4-byte big-endian length, then that many bytes (albatross's framing)
        cases.add(local("F01", "frames", "zero-length frame with no stream before it",
                "an empty frame (length 0 or less) ends", new byte[0]));
        cases.add(new BadInput("F02", "frames", "negative length (0xffffffff)", "an empty frame (length 0 or less)",
                () -> failureFor(connection -> connection.sendLength(-1))));
        cases.add(new BadInput("F03", "frames", "length 2^31-1, no bytes after it", "exceeds the limit of 16777216",
                () -> failureFor(connection -> connection.sendLength(Integer.MAX_VALUE))));
        cases.add(new BadInput("F04", "frames", "length one byte over the 16 MiB cap", "length 16777217 exceeds",
                () -> failureFor(connection -> connection.sendLength((16 << 20) + 1))));
        cases.add(local("F05", "frames", "a frame holding a truncated message", "declares 32 bytes but only 29 remain",
                Arrays.copyOf(destroy, destroy.length - 3)));
        // DER: albatross's wire message, a SEQUENCE of a header and a payload CHOICE
        cases.add(local("D01", "DER", "bytes that are not DER at all", "malformed message: truncated input",
                "not DER at all".getBytes(StandardCharsets.UTF_8)));
        cases.add(local("D02", "DER", "a SET where the message SEQUENCE belongs", "expected SEQUENCE, got SET",
                patched(destroy, 0, 0x31)));
        cases.add(local("D03", "DER", "outer length longer than the frame", "declares 37 bytes but only 32 remain",
                patched(destroy, 1, destroy[1] + 5)));
        cases.add(local("D04", "DER", "indefinite length (BER, not DER)", "indefinite length at offset 0",
                appended(patched(destroy, 1, 0x80), new byte[] {0, 0})));
        cases.add(local("D05", "DER", "two trailing bytes after the message", "trailing bytes: 2 bytes",
                appended(destroy, new byte[] {0, 0})));
        cases.add(local("D06", "DER", "wire version 4 in the header", "unsupported version 4", patched(destroy, 6, 4)));
        cases.add(local("D07", "DER", "an unknown payload tag [30]", "unknown payload tag [30]",
                patched(destroy, payload, 0xbe)));
        cases.add(local("D08", "DER", "a success reply where a command belongs", "expected a command, got a success",
                WireCodec.encode(new Wire(new Header(1, Name.parse("steady")), new Success.Message("destroyed")))));
        cases.add(local("D09", "DER", "a name label with '/' in the header", "character '/' at position 2",
                renamed(destroy, "steady", "st/ady")));
        cases.add(local("D10", "DER", "a name label \"..\" in the header", "\"..\" is a directory's name",
                renamed(WireCodec.encode(new Wire(new Header(1, Name.parse("ab")), new UnikernelCommand.Destroy())),
                        ":ab", ":..")));
        cases.add(new BadInput("D11", "DER", "a unikernel command naming a path (\"tenant:\")", "is a path",
                () -> failed(albatrossd.request(new UnikernelCommand.Create(TestUnikernel.withArguments("forever")
                        .config()), "tenant:"))));
        cases.add(new BadInput("D12", "DER", "destroy of a name that does not exist", "destroy: not found",
                () -> failed(albatrossd.request(new UnikernelCommand.Destroy(), "unknown"))));
        // certificates, presented to the TLS endpoint
        Instant now = Instant.now();
        cases.add(remote("C01", "expired leaf", "certificate expired", () -> ForgedCertificate
                .leaf(".", new UnikernelCommand.Info()).validBetween(now.minus(Duration.ofHours(2)),
                        now.minus(Duration.ofHours(1))).signedBy(tenant.credential())));
        cases.add(remote("C02", "leaf not valid yet", "not yet valid", () -> ForgedCertificate
                .leaf(".", new UnikernelCommand.Info()).validBetween(now.plus(Duration.ofHours(1)),
                        now.plus(Duration.ofHours(2))).signedBy(tenant.credential())));
        cases.add(new BadInput("C03", "certificates", "chain from another root CA (refused in the handshake)",
                "certificate_required",
                () -> remoteAnswer(CertificateAuthority.createRoot("stranger", TlsFixture.KEYS, Duration.ofDays(1),
                        Clock.systemUTC()).issueCommand(".", new UnikernelCommand.Info(), TlsFixture.KEYS))));
        cases.add(remote("C04", "tenant CA without the CA flag", "is not a CA (BasicConstraints CA:true", () -> {
            Credential notCa = ForgedCertificate.authority("noca", TENANT).withoutCaFlag()
                    .signedBy(albatrossd.tls().root().credential());
            return ForgedCertificate.leaf(".", new UnikernelCommand.Info()).signedBy(notCa);
        }));
        cases.add(remote("C05", "tenant CA granting more than its parent", "by its parent t", () -> {
            Credential greedy = ForgedCertificate.authority("greedy", BIGGER).signedBy(tenant.credential());
            return ForgedCertificate.leaf(".", new UnikernelCommand.Info()).signedBy(greedy);
        }));
        cases.add(new BadInput("C06", "certificates", "revoked tenant CA (revocation list changed, no SIGHUP)",
                "was revoked", () -> await("the revocation list in force").atMost(Duration.ofMinutes(2))
                        .until(() -> remoteAnswer(revoked.issueCommand(".", new UnikernelCommand.Info(),
                                TlsFixture.KEYS)), text -> text.contains("was revoked"))));
        cases.add(remote("C07", "albatross extension that is not DER", "malformed albatross extension", () ->
                ForgedCertificate
                .leaf(".", new UnikernelCommand.Info()).withExtension(new byte[] {0x30, 0x7f, 0x01})
                .signedBy(tenant.credential())));
        cases.add(remote("C08", "leaf whose key usage is keyCertSign only (refused by TLS)",
                "illegal_parameter", () -> ForgedCertificate
                .leaf(".", new UnikernelCommand.Info()).withKeyUsage(KeyUsage.keyCertSign,
                        KeyPurposeId.id_kp_clientAuth).signedBy(tenant.credential())));
        cases.add(remote("C09", "leaf for serverAuth, not clientAuth", "lacks clientAuth", () -> ForgedCertificate
                .leaf(".", new UnikernelCommand.Info()).withKeyUsage(KeyUsage.digitalSignature,
                        KeyPurposeId.id_kp_serverAuth).signedBy(tenant.credential())));
        cases.add(remote("C10", "leaf without the albatross extension", "carries no albatross command", () ->
                ForgedCertificate.leaf(".", new UnikernelCommand.Info()).withoutExtension()
                        .signedBy(tenant.credential())));
        cases.add(remote("C11", "leaf carrying a policy change", "which a certificate may not ask for", () ->
                ForgedCertificate.leaf(".", new PolicyCommand.Add(TENANT)).signedBy(tenant.credential())));
        cases.add(remote("C12", "chain of 10 certificates", "at most 9", () -> {
            CertificateAuthority deep = tenant;
            for (int level = 0; level < 8; level++) {
                deep = deep.delegate(Label.of("l" + level), TENANT, TlsFixture.KEYS, Duration.ofDays(1));
            }
            return deep.issueCommand(".", new UnikernelCommand.Info(), TlsFixture.KEYS);
        }));
        cases.add(remote("C13", "leaf common name \"../web\"", "is not an albatross label", () ->
                tenant.issueCommand("../web", new UnikernelCommand.Destroy(), TlsFixture.KEYS)));
        // images, in a create over the local socket
        byte[] kernel = TestKernel.bytes();
        cases.add(image("I01", "bytes that are not ELF", "not an ELF file",
                () -> "no ELF here".getBytes(StandardCharsets.UTF_8), false));
        cases.add(image("I02", "the test kernel cut to its first 40 bytes", "truncated ELF file",
                () -> Arrays.copyOf(kernel, 40), false));
        cases.add(image("I03", "Solo5 ELF whose ABI note says hvt (not run here)",
                "adapter solo5-hvt is disabled",
                () -> solo5Image(1), false));
        cases.add(image("I04", "compressed image that is not zlib", "not a zlib stream",
                () -> "no zlib here".getBytes(StandardCharsets.UTF_8), true));
        cases.add(image("I05", "zlib image inflating to 600 MiB", "is larger than the unikernel's memory (32 MB)",
                BadInputCatalogueIT::zlibBomb, true));
        cases.add(image("I06", "a 64-bit ELF without Solo5 notes", "has no Solo5 ABI (type ABI1) note",
                BadInputCatalogueIT::elf64, false));
        cases.add(image("I07", "Solo5 ELF whose ABI note names target 99", "unknown Solo5 target 99",
                () -> solo5Image(99), false));
        // block devices, over the local socket
        cases.add(new BadInput("B01", "block data", "block add beyond the tenant's block quota",
                "block disallowed: requested 5 MB, 2 MB allowed, 1 MB in use",
                () -> failed(albatrossd.request(new BlockCommand.Add(5), "t:big"))));
        cases.add(new BadInput("B02", "block data", "block add under a policy without block storage",
                "the policy allows no block storage",
                () -> failed(albatrossd.request(new BlockCommand.Add(1), "noblocks:disk"))));
        cases.add(new BadInput("B03", "block data", "block add of a name that exists", "already exists",
                () -> failed(albatrossd.request(new BlockCommand.Add(1), "t:small"))));
        cases.add(new BadInput("B04", "block data", "dump of a device that does not exist", "dump block: not found",
                () -> failed(albatrossd.request(new BlockCommand.Dump(0), "t:missing"))));
        cases.add(new BadInput("B05", "block data", "set of a device that does not exist", "set block: not found",
                () -> failed(albatrossd.upload(new BlockCommand.Set(false), "t:missing",
                        new ByteArrayInputStream(new byte[16])))));
        cases.add(new BadInput("B06", "block data", "set with 2 MiB of data for a 1 MB device",
                "data exceeds block size", () -> failed(albatrossd.upload(new BlockCommand.Set(false), "t:small",
                        new ByteArrayInputStream(new byte[2 << 20])))));
        cases.add(new BadInput("B07", "block data", "remove of a device that does not exist",
                "remove block: not found", () -> failed(albatrossd.request(new BlockCommand.Remove(), "t:missing"))));
        cases.add(new BadInput("B08", "block data", "block add of 0 MB (a device takes at least 1 MB of the quota)",
                "block disallowed: requested 0 MB, a block device takes at least 1 MB",
                () -> failed(albatrossd.request(new BlockCommand.Add(0), "t:empty"))));
        // configuration: albatrossd refuses to start, exit code 2, one line per problem
        cases.add(config("K01", "a TOML syntax error", "[[[broken\n", List.of(), "TOML syntax error"));
        cases.add(config("K02", "an unknown key (--set console.ring-line=2048)", "",
                List.of("--set", "console.ring-line=2048"),
                "console.ring-line: unknown key; did you mean console.ring-lines?"));
        cases.add(config("K03", "a number where text belongs (--set shutdown=3)", "", List.of("--set", "shutdown=3"),
                "must be one of stop, leave"));
        cases.add(config("K04", "a value out of range (--set restart.budget=-1)", "",
                List.of("--set", "restart.budget=-1"), "must be an integer between 1 and 10000"));
        cases.add(config("K05", "a tender for a disabled target (--set adapters.solo5.spt-tender=solo5-spt)", "",
                List.of("--set", "adapters.solo5.spt-tender=solo5-spt"),
                "adapters.solo5.spt-tender: is set but adapters.solo5.spt is false"));
        cases.add(new BadInput("K06", "configuration", "a server key others may read (tls.server-key, mode 0644)",
                "unprotected private key file", () -> {
                    TlsFixture pki = TlsFixture.provision(scratch.resolve("K06-pki"), List.of());
                    Files.setPosixFilePermissions(pki.serverKey(), PosixFilePermissions.fromString("rw-r--r--"));
                    return refusedToStart("K06", pki.toml(), List.of(), 1);
                }));
        // command-line arguments of albatross-client: one line, albatross's exit code (ExitStatus)
        cases.add(cli("L01", USAGE, "an unknown flag (info --bogus)", "Unknown option: '--bogus'; see"
                + " albatross-client info --help", "info", "--bogus"));
        cases.add(cli("L02", USAGE, "destroy without a name", "Missing required parameter: 'NAME'; see"
                + " albatross-client destroy --help", "destroy"));
        cases.add(cli("L03", USAGE, "a memory value that is no number (--mem lots)", "'lots' is not a long",
                "create", "%IMAGE%", "--mem", "lots"));
        cases.add(cli("L04", USAGE, "a name with a '/' (destroy foo/bar)", "character '/' at position 3",
                "destroy", "foo/bar"));
        cases.add(cli("L05", USAGE, "a name \"..\" (destroy ..)", "\"..\" is a directory's name", "destroy", ".."));
        cases.add(cli("L06", USAGE, "create of a file that is not a unikernel", "is not a unikernel image we can run",
                "create", "%NOTELF%"));
        cases.add(cli("L07", USAGE, "create of a file that does not exist", "the image /nonexistent/web.img does not"
                + " exist; check the path", "create", "/nonexistent/web.img"));
        cases.add(cli("L08", USAGE, "a negative memory value (--mem -5)", "must not be negative, got -5", "create",
                "%IMAGE%", "--mem", "-5"));
        cases.add(cli("L09", USAGE, "a tenant CA key others may read (--ca-key, mode 0644)",
                "unprotected private key file", "info", "-d", "127.0.0.1:1", "--ca-cert", "%CACERT%", "--ca-key",
                "%LOOSEKEY%", "--server-ca", "%CACERT%"));
        cases.add(cli("L10", USAGE, "create of a directory", "is a directory; name the file itself", "create",
                "%DIR%"));
        cases.add(cli("L11", USAGE, "a certificate given as the CA's key (revoke)", "expected an unencrypted private"
                + " key, found", "revoke", "%ROOT%", "%DIR%/certificate.key", "%DIR%/crl.pem", "--serial", "1f"));
        cases.add(cli("L12", USAGE, "a port that is no port (-d 127.0.0.1:70000)", "the port in -d 127.0.0.1:70000"
                + " must be a number from 1 to 65535", "info", "-d", "127.0.0.1:70000", "--ca-cert", "%CACERT%",
                "--ca-key", "%CAKEY%", "--server-ca", "%ROOT%"));
        cases.add(cli("L13", 122, "a host that is not known (-d nosuch.invalid)", "the host nosuch.invalid is not"
                + " known here; check the name given to -d", "info", "-d", "nosuch.invalid", "--ca-cert", "%CACERT%",
                "--ca-key", "%CAKEY%", "--server-ca", "%ROOT%"));
        cases.add(cli("L14", 117, "a name the daemon does not know (destroy nosuch)", "destroy nosuch: the daemon"
                + " refused: destroy: not found; albatross-client info lists the unikernels you may see", "destroy",
                "nosuch"));
        cases.add(cli("L15", USAGE, "a command that does not exist (destory)", "unknown command 'destory'",
                "destory"));
        cases.add(cli("L16", USAGE, "a CA certificate that does not exist (revoke)", "the CA certificate CACERT"
                + " /nonexistent/ca.pem does not exist; check the path", "revoke", "/nonexistent/ca.pem", "%CAKEY%",
                "%DIR%/crl.pem", "--serial", "1f"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void aBadInputGetsOneClearLineAndChangesNothing(BadInput bad) throws Exception {
        DaemonSnapshot before = DaemonSnapshot.of(albatrossd);
        int mark = events.mark();

        String seen = bad.attempt().run().strip();

        assertThat(seen.lines().findFirst()).as("the first line " + bad + " shows").hasValueSatisfying(line ->
                assertThat(line).contains(bad.error()));
        assertThat(seen.lines()).as("what the user sees of " + bad).noneMatch(line -> STACK_FRAME.matcher(line)
                .find() || line.startsWith("Caused by"));
        assertThat(DaemonSnapshot.of(albatrossd)).as("the daemon's state after " + bad.id()).isEqualTo(before);
        assertThat(events.since(mark)).as("the events after " + bad.id()).allMatch(event ->
                event instanceof Event.CommandRefused || event instanceof Event.Login
                        || event instanceof Event.Logout || event instanceof Event.Hup);
    }

    /** Every subcommand and alias but picocli's own {@code help}. */
    static Stream<String> subcommands() {
        return ClientCommandLine.of().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("subcommands")
    void everySubcommandAnswersHelpAndHelpCmdAlike(String subcommand) {
        ClientCli.Run help = ClientCli.inProcess(subcommand, "--help");

        assertThat(help.exit()).as("exit code of " + subcommand + " --help").isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: albatross-client ").doesNotContain("<arg");
        assertThat(ClientCli.inProcess("help", subcommand)).as("help " + subcommand).isEqualTo(help);
    }

    @Test
    void docsSecurityListsTheCatalogue() throws IOException {
        String expected = catalogue().map(BadInput::tableRow).collect(Collectors.joining("\n"));
        String document = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("docs")
                .resolve("security.md"));
        int start = document.indexOf(CATALOGUE_START);
        int end = document.indexOf(CATALOGUE_END);
        assertThat(start).as("docs/security.md marks its catalogue with " + CATALOGUE_START).isNotNegative();
        List<String> rows = document.substring(start, end).lines().filter(line -> line.startsWith("| ")
                && !line.startsWith("| id ")).toList();
        assertThat(String.join("\n", rows)).as("the catalogue in docs/security.md; it should read:\n" + expected)
                .isEqualTo(expected);
    }

    @Test
    void theCatalogueHasAtLeastFiftyCasesWithDistinctIds() {
        List<String> ids = catalogue().map(BadInput::id).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates();
    }

    private static BadInput local(String id, String area, String input, String error, byte[] frame) {
        return new BadInput(id, area, input, error, () -> failureFor(connection -> connection.sendFrame(frame)));
    }

    private static BadInput remote(String id, String input, String error, CredentialMaker leaf) {
        return new BadInput(id, "certificates", input, error, () -> remoteAnswer(leaf.make()));
    }

    /** A leaf to present; may delegate, which can be refused. */
    @FunctionalInterface
    interface CredentialMaker {
        Credential make() throws PolicyViolation;
    }

    /** Image bytes, made when the case runs (a bomb is not kept around). */
    @FunctionalInterface
    interface ImageMaker {
        byte[] make() throws IOException;
    }

    private static BadInput image(String id, String input, String error, ImageMaker image, boolean compressed) {
        return new BadInput(id, "images", input, error, () -> {
            UnikernelConfig plain = TestUnikernel.withArguments("forever").config()
                    .withImage(Octets.of(image.make()));
            UnikernelConfig config = new UnikernelConfig(plain.typ(), compressed, plain.image(), plain.runArguments());
            return failed(albatrossd.request(new UnikernelCommand.Create(config), "bad" + id.toLowerCase()));
        });
    }

    private static BadInput config(String id, String input, String moreToml, List<String> arguments, String error) {
        return new BadInput(id, "configuration", input, error, () -> refusedToStart(id, moreToml, arguments, 2));
    }

    /** What albatrossd prints when it refuses to start (exit code {@code exit}) with {@code moreToml} in its file. */
    private static String refusedToStart(String id, String moreToml, List<String> arguments, int exit)
            throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(scratch.resolve(id), moreToml);
        try (DaemonProcess refused = DaemonProcess.launch(files, arguments.toArray(String[]::new))) {
            assertThat(refused.awaitExit()).as("albatrossd's exit code").isEqualTo(exit);
        }
        return Files.readString(files.log()).lines().filter(line -> !line.startsWith("--- albatrossd"))
                .collect(Collectors.joining("\n"));
    }

    private static BadInput cli(String id, int exit, String input, String error, String... arguments) {
        return new BadInput(id, "client arguments", input, error, () -> {
            Path image = Files.write(scratch.resolve("web.img"), TestKernel.bytes());
            Path notElf = Files.writeString(scratch.resolve("notelf.img"), "not a unikernel");
            List<String> args = new ArrayList<>(Stream.of(arguments).map(argument -> argument
                    .replace("%IMAGE%", image.toString()).replace("%NOTELF%", notElf.toString())
                    .replace("%DIR%", scratch.toString()).replace("%ROOT%", scratch.resolve("root.pem").toString())
                    .replace("%CACERT%", scratch.resolve("t.pem").toString())
                    .replace("%CAKEY%", scratch.resolve("t.key").toString())
                    .replace("%LOOSEKEY%", scratch.resolve("loose.key").toString())).toList());
            args.addAll(List.of("--socket", albatrossd.files().socket().toString()));
            ClientCli.Run run = ClientCli.inProcess(args.toArray(String[]::new));
            assertThat(run.out()).as("albatross-client's standard output").isEmpty();
            assertThat(run.exit()).as("albatross-client's exit code").isEqualTo(exit);
            assertThat(run.err().lines()).as("what albatross-client says").singleElement().asString()
                    .startsWith("albatross-client: ");
            return run.err();
        });
    }

    /** A raw connection to the local socket that sends something: the failure reply's message. */
    @FunctionalInterface
    interface RawSend {
        void to(RawConnection connection) throws IOException;
    }

    private static String failureFor(RawSend send) throws IOException {
        try (RawConnection connection = RawConnection.open(albatrossd.files().socket())) {
            send.to(connection);
            byte[] reply = connection.readFrame().orElseThrow(
                    () -> new AssertionError("the daemon closed the connection without a failure reply"));
            assertThat(connection.closedByPeer()).as("the daemon closes the connection after a failure").isTrue();
            return ((Failure) WireCodec.decode(reply).payload()).message();
        }
    }

    private static String failed(Answer reply) {
        assertThat(reply).isInstanceOf(Answer.Failed.class);
        return ((Answer.Failed) reply).message();
    }

    /**
     * What a remote client presenting {@code leaf} is told: the daemon's failure, why the handshake failed, or that it
     * was not refused at all. It asserts nothing, so that a wait can poll it until the refusal comes (C06).
     */
    private static String remoteAnswer(Credential leaf) {
        try (Session session = albatrossd.tls().connect(leaf)) {
            Answer reply = session.receive().reply();
            return reply instanceof Answer.Failed failed ? failed.message() : "not refused: " + reply;
        } catch (TransportError refusedAtHandshake) {
            return refusedAtHandshake.getMessage();
        }
    }

    private static byte[] patched(byte[] message, int index, int value) {
        byte[] copy = message.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static byte[] appended(byte[] message, byte[] tail) {
        byte[] copy = Arrays.copyOf(message, message.length + tail.length);
        System.arraycopy(tail, 0, copy, message.length, tail.length);
        return copy;
    }

    /** The message with one UTF-8 text replaced by another of the same length, so every length stays right. */
    private static byte[] renamed(byte[] message, String from, String to) {
        assertThat(to).hasSameSizeAs(from);
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Zeros far beyond the 512 MiB an image may inflate to, compressed to well under a MiB. */
    private static byte[] zlibBomb() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
            for (int written = 0; written < BOMB_BYTES; written += zeros.length) {
                out.write(zeros);
            }
        }
        return compressed.toByteArray();
    }

    /**
     * A 32-bit ELF file with nothing but Solo5's two notes: an ABI note naming {@code target} (1 hvt, 3 virtio) and
     * a manifest of only the reserved first entry.
     */
    private static byte[] solo5Image(int target) {
        ByteBuffer elf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1});
        elf.putShort(0x1c, (short) 52).putShort(0x1e, (short) 0);
        elf.putShort(0x2a, (short) 32).putShort(0x2c, (short) 1);
        int notes = 84;
        elf.putInt(52, 4).putInt(56, notes).putInt(68, 256 - notes);
        elf.position(notes);
        elf.putInt(6).putInt(16).putInt(0x31494241).put("Solo5\0\0\0".getBytes(StandardCharsets.US_ASCII));
        elf.putInt(target).putInt(1).putLong(0);
        elf.putInt(6).putInt(4 + 8 + 104).putInt(0x3154464d).put("Solo5\0\0\0".getBytes(StandardCharsets.US_ASCII));
        int manifest = elf.position();
        elf.putInt(manifest + 4, 1).putInt(manifest + 8, 1).putInt(manifest + 12 + 68, 1 << 30);
        return elf.array();
    }

    /** The start of a 64-bit little-endian ELF file. */
    private static byte[] elf64() {
        byte[] elf = new byte[64];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        return elf;
    }
}
