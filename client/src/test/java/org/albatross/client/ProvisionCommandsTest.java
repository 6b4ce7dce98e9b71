package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.provision.Pem;
import org.albatross.policy.provision.SigningRequest;
import org.albatross.protocol.Command;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.vmm.TestKernel;
import org.albatross.vmm.solo5.ZlibImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, certificate, sign, inspect, revoke, and the remote options that print or write instead of connecting. */
class ProvisionCommandsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void rootAndTenantA() {
        assertThat(ClientRun.of("generate", "root", dir.toString()).exit()).isZero();
        assertThat(ClientRun.of("certificate", pem("root"), key("root"), "a", dir.toString(),
                "--unikernels", "2", "--mem", "64", "--cpus", "0").exit()).isZero();
    }

    @Test
    void generateWritesARootCaAndAServerCertificateItSigned() throws Exception {
        X509Certificate root = Pem.certificates(Files.readString(dir.resolve("root.pem"))).get(0);
        List<X509Certificate> server = Pem.certificates(Files.readString(dir.resolve("server.pem")));

        assertThat(root.getBasicConstraints()).isNotNegative();
        assertThat(server.get(0).getBasicConstraints()).isNegative();
        server.get(0).verify(root.getPublicKey());
        assertThat(Files.readString(dir.resolve("server.key"))).contains("PRIVATE KEY");
    }

    @Test
    void inspectShowsATenantCertificatesPolicyInWordsAndInJson() throws Exception {
        ClientRun human = ClientRun.of("inspect", pem("a"));
        ClientRun json = ClientRun.of("inspect", pem("a"), "--json");

        assertThat(human.exit()).isZero();
        assertThat(human.out()).contains("CN=a", "policy   2 unikernels, 64 MB memory, CPUs 0, no block storage,"
                + " no bridges", "ca       yes").doesNotContain("Optional", "null");
        assertThat(human.out().lines().filter(line -> line.startsWith("FIELD"))).as("one table per certificate")
                .hasSize(2);
        JsonNode tenant = new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow());
        assertThat(tenant.get("kind").asText()).isEqualTo("inspected-certificate");
        assertThat(tenant.get("subject").asText()).isEqualTo("CN=a");
        assertThat(tenant.get("ca").asBoolean()).isTrue();
        assertThat(tenant.get("policy").get("unikernels").asInt()).isEqualTo(2);
        assertThat(tenant.get("policy").get("memory_mb").asInt()).isEqualTo(64);
        assertThat(tenant.get("command").isNull()).isTrue();
        JsonNode root = new ObjectMapper().readTree(json.out().lines().skip(1).findFirst().orElseThrow());
        assertThat(root.get("policy").isNull()).as("a root carries no extension").isTrue();
        assertThat(json.out().lines()).hasSize(2);
    }

    @Test
    void inspectShowsTheCommandOfACommandCertificateWithoutItsImageBytes() throws Exception {
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), ClientRun.of("create", image.toString(), "-d", "-",
                "--ca-cert", pem("a"), "--ca-key", key("a"), "--mem", "48").out());

        ClientRun human = ClientRun.of("inspect", leaf.toString());
        ClientRun json = ClientRun.of("inspect", leaf.toString(), "--json");

        assertThat(human.out()).containsPattern("command +unikernel-create config\\.typ=SOLO5 .*config\\.run_arguments\\.memory_mb=48")
                .containsPattern("config\\.image=<\\d+ bytes>").doesNotContain("Optional", "null");
        JsonNode command = new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow()).get("command");
        assertThat(command.get("kind").asText()).isEqualTo("unikernel-create");
        assertThat(command.get("config").get("run_arguments").get("memory_mb").asInt()).isEqualTo(48);
    }

    @Test
    void revokeAddsACertificateToTheCasListAndKeepsWhatWasThere() throws Exception {
        assertThat(ClientRun.of("certificate", pem("root"), key("root"), "b", dir.toString(),
                "--unikernels", "1", "--mem", "32", "--cpus", "0").exit()).isZero();
        Path crl = dir.resolve("crl.pem");

        ClientRun first = ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), pem("a"));
        ClientRun second = ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), "--serial",
                certificate("b").getSerialNumber().toString(16));
        ClientRun again = ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), pem("a"));

        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("revoked \"CN=a\"").contains(crl.toString());
        assertThat(second.exit()).isZero();
        X509CRL list = Pem.revocationList(Files.readString(crl));
        list.verify(certificate("root").getPublicKey());
        assertThat(list.getRevokedCertificate(certificate("a").getSerialNumber())).isNotNull();
        assertThat(list.getRevokedCertificate(certificate("b").getSerialNumber())).isNotNull();
        assertThat(again.exit()).as("revoking twice changes nothing").isZero();
        assertThat(again.out()).contains("was revoked already");
        assertThat(Pem.revocationList(Files.readString(crl)).getEncoded()).isEqualTo(list.getEncoded());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).as("nothing left beside the list")
                    .noneMatch(name -> name.endsWith(".new"));
        }
    }

    @Test
    void revokeRefusesACertificateAnotherCaIssuedAndAListOfAnotherCa() throws Exception {
        Path crl = dir.resolve("crl.pem");
        assertThat(ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), pem("a")).exit()).isZero();
        byte[] before = Files.readAllBytes(crl);
        assertThat(ClientRun.of("certificate", pem("a"), key("a"), "b", dir.toString(),
                "--unikernels", "1", "--mem", "32", "--cpus", "0").exit()).isZero();

        ClientRun notIssued = ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), pem("b"));
        ClientRun othersList = ClientRun.of("revoke", pem("a"), key("a"), crl.toString(), pem("b"));
        ClientRun both = ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), pem("a"), "--serial", "1f");
        ClientRun badSerial = ClientRun.of("revoke", pem("root"), key("root"), crl.toString(), "--serial", "xyz");

        assertThat(notIssued.err()).startsWith("albatross-client: the certificate " + pem("b"))
                .contains("was not issued by \"CN=root\"").hasLineCount(1);
        assertThat(othersList.err()).startsWith("albatross-client: the revocation list CRL " + crl)
                .contains("is issued by \"CN=root\", not by \"CN=a\"").hasLineCount(1);
        assertThat(both.err()).contains("give one of them").hasLineCount(1);
        assertThat(badSerial.err()).contains("the serial number xyz is not a positive hexadecimal number")
                .hasLineCount(1);
        assertThat(List.of(notIssued, othersList, both, badSerial)).allSatisfy(run -> {
            assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
            assertThat(run.out()).isEmpty();
        });
        assertThat(Files.readAllBytes(crl)).as("the list is unchanged").isEqualTo(before);
    }

    @Test
    void aSubTenantWithMoreThanItsParentIsRefused() {
        ClientRun run = ClientRun.of("certificate", pem("a"), key("a"), "b", dir.toString(),
                "--unikernels", "3", "--mem", "64", "--cpus", "0");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).startsWith("albatross-client: cannot delegate b: ").contains("unikernels")
                .hasLineCount(1);
        assertThat(dir.resolve("b.pem")).doesNotExist();
    }

    @Test
    void addPolicyWithCsrWritesARequestThatSignMakesATenantCa() throws Exception {
        Path csr = dir.resolve("b.csr");

        ClientRun request = ClientRun.of("add-policy", "b", "--unikernels", "1", "--mem", "32", "--cpus", "0",
                "--csr", csr.toString());
        ClientRun sign = ClientRun.of("sign", pem("a"), key("a"), csr.toString());

        assertThat(request.exit()).isZero();
        assertThat(SigningRequest.command(Pem.certificationRequest(Files.readString(csr))))
                .get().isInstanceOf(PolicyCommand.Add.class);
        assertThat(Files.readString(dir.resolve("b.csr.key"))).contains("PRIVATE KEY");
        assertThat(sign.exit()).isZero();
        List<X509Certificate> chain = Pem.certificates(Files.readString(dir.resolve("b.csr.pem")));
        assertThat(chain).hasSize(3);
        assertThat(chain.get(0).getBasicConstraints()).isNotNegative();
        assertThat(chain.get(0).getSubjectX500Principal().getName()).as("the tenant CA is named after the path")
                .isEqualTo("CN=b");
    }

    @Test
    void destinationDashPrintsTheFreshLeafAndTheTenantChainWithoutTheRoot() throws Exception {
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());

        ClientRun run = ClientRun.of("create", image.toString(), "-d", "-", "--ca-cert", pem("a"), "--ca-key",
                key("a"));

        assertThat(run.err()).isEmpty();
        List<X509Certificate> chain = Pem.certificates(run.out());
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=vm");
        assertThat(chain.get(1).getSubjectX500Principal().getName()).isEqualTo("CN=a");
        Optional<Command> command = AlbatrossExtension.command(chain.get(0));
        UnikernelCommand.Create create = (UnikernelCommand.Create) command.orElseThrow();
        assertThat(create.config().compressed()).as("compressed at level 9 as albatross does remotely").isTrue();
        assertThat(ZlibImage.inflate(create.config().image().toByteArray(), Long.MAX_VALUE))
                .as("a small image travels inside the certificate").isEqualTo(Files.readAllBytes(image));
        assertThat(create.config().memoryMb()).isEqualTo(32);
    }

    @Test
    void aRemoteCommandWithoutTheTenantCaIsAUsageErrorOnOneLine() {
        ClientRun run = ClientRun.of("info", "-d", "127.0.0.1:1025");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).isEqualTo("albatross-client: a remote command needs --ca-cert and --ca-key of the"
                + " tenant CA that signs it" + System.lineSeparator());
    }

    @Test
    void aDestinationWithoutAUsablePortOrAKnownHostIsOneLine() {
        ClientRun port = ClientRun.of("info", "-d", "127.0.0.1:99999", "--ca-cert", pem("a"), "--ca-key", key("a"),
                "--server-ca", pem("root"));
        ClientRun host = ClientRun.of("info", "-d", "nosuch.invalid", "--ca-cert", pem("a"), "--ca-key", key("a"),
                "--server-ca", pem("root"));

        assertThat(port.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(port.err()).startsWith("albatross-client: the port in -d 127.0.0.1:99999 must be a number from 1"
                + " to 65535").hasLineCount(1);
        assertThat(host.exit()).isEqualTo(ExitCode.CONNECT_FAILED.code());
        assertThat(host.err()).isEqualTo("albatross-client: cannot connect to nosuch.invalid: the host nosuch.invalid"
                + " is not known here; check the name given to -d" + System.lineSeparator());
    }

    private X509Certificate certificate(String name) throws Exception {
        return Pem.certificates(Files.readString(dir.resolve(name + ".pem"))).get(0);
    }

    @Test
    void everyPrivateKeyIsWrittenForItsOwnerAloneAndEveryCertificateForAnyone() throws Exception {
        assertThat(ClientRun.of("add-policy", "b", "--unikernels", "1", "--mem", "32", "--cpus", "0",
                "--csr", dir.resolve("b.csr").toString()).exit()).isZero();

        for (String key : List.of("root.key", "server.key", "a.key", "b.csr.key")) {
            assertThat(mode(dir.resolve(key))).as(key).isEqualTo("rw-------");
        }
        assertThat(mode(dir.resolve("root.pem"))).as("a certificate").isEqualTo("rw-r--r--");
    }

    @Test
    void aKeyWrittenOverALooserFileIsForItsOwnerAlone() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("a.key"), PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(ClientRun.of("certificate", pem("root"), key("root"), "a", dir.toString(),
                "--unikernels", "2", "--mem", "64", "--cpus", "0").exit()).isZero();

        assertThat(mode(dir.resolve("a.key"))).isEqualTo("rw-------");
    }

    @Test
    void generateMakesItsDirectoryForItsOwnerAlone() throws Exception {
        Path pki = dir.resolve("new/pki");

        assertThat(ClientRun.of("generate", "root", pki.toString()).exit()).isZero();

        assertThat(mode(pki)).isEqualTo("rwx------");
    }

    @Test
    void noKeyIsWrittenIntoADirectoryOthersMayWriteTo() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        ClientRun run = ClientRun.of("generate", "root", open.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).startsWith("albatross-client: refusing to write a private key into " + open
                + ": others may write to it").hasLineCount(1);
        assertThat(open).isEmptyDirectory();
    }

    @Test
    void aCaKeyOthersMayReadIsRefusedAsOpenSshRefusesOne() throws Exception {
        Files.setPosixFilePermissions(dir.resolve("root.key"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve("a.key"), PosixFilePermissions.fromString("rw-r-----"));
        Path image = Files.write(dir.resolve("vm.img"), TestKernel.bytes());

        ClientRun delegate = ClientRun.of("certificate", pem("root"), key("root"), "c", dir.toString(),
                "--unikernels", "1", "--mem", "32", "--cpus", "0");
        ClientRun remote = ClientRun.of("create", image.toString(), "-d", "-", "--ca-cert", pem("a"), "--ca-key",
                key("a"));

        assertThat(delegate.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(delegate.err()).isEqualTo("albatross-client: unprotected private key file " + key("root")
                + ": permissions 0644 are too open, a private key must be accessible by its owner alone (chmod 600 "
                + key("root") + ")" + System.lineSeparator());
        assertThat(dir.resolve("c.pem")).doesNotExist();
        assertThat(remote.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(remote.err()).startsWith("albatross-client: unprotected private key file " + key("a"));
        assertThat(remote.out()).isEmpty();
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private String pem(String name) {
        return dir.resolve(name + ".pem").toString();
    }

    private String key(String name) {
        return dir.resolve(name + ".key").toString();
    }
}
