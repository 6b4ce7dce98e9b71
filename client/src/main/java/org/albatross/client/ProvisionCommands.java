package org.albatross.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.provision.CertificateAuthority;
import org.albatross.policy.provision.Credential;
import org.albatross.policy.provision.Pem;
import org.albatross.protocol.Label;

/** generate, certificate, sign, inspect and revoke: the certificates of albatross's remote flow (POLICY.md). */
final class ProvisionCommands {
    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<Path> DIR = Arg.positional("DIR").of(Path.class);
    private static final Arg<String> SERVER = Arg.option("--server").label("CN").defaultValue("server")
            .describe("The server certificate's common name (default ${DEFAULT-VALUE}).").of(String.class);
    private static final Arg<Integer> ROOT_DAYS = Arg.option("--days").label("N").defaultValue("3650")
            .of(Integer.class);
    private static final Arg<Path> CA_CERT = Arg.positional("CACERT").of(Path.class);
    private static final Arg<Path> CA_KEY = Arg.positional("CAKEY").of(Path.class);
    private static final Arg<Integer> TENANT_DAYS = Arg.option("--days").label("N").defaultValue("365")
            .of(Integer.class);
    private static final Arg<Path> CSR = Arg.positional("CSR").of(Path.class);
    private static final Arg<Integer> SIGNED_DAYS = Arg.option("--days").label("N")
            .describe("Validity in days (default: 365 for a CA, 1 for a command).").of(Integer.class);
    private static final Arg<Path> FILE = Arg.positional("FILE").of(Path.class);
    private static final Arg<Path> CRL = Arg.positional("CRL").of(Path.class);
    private static final Arg<Path> REVOKED = Arg.positional("CERT").optional()
            .describe("The certificate to revoke (the first in the file: NAME.pem holds its chain).").of(Path.class);
    private static final Arg<String> SERIAL = Arg.option("--serial").label("HEX")
            .describe("Revoke this serial number instead of a CERT (as inspect prints it).").of(String.class);
    private static final Arg<Integer> CRL_DAYS = Arg.option("--days").label("N")
            .defaultValue("" + RevocationFile.DEFAULT_DAYS)
            .describe("The list's next update, in days from now (default ${DEFAULT-VALUE}).").of(Integer.class);

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("certificate").describe("Delegate the tenant NAME below the CA, with a policy: writes"
                    + " NAME.pem (its chain) and NAME.key into DIR.").with(Output.OPTIONS).with(PolicyOptions.OPTIONS)
                    .with(CA_CERT, CA_KEY, NAME, DIR, TENANT_DAYS).runs(ProvisionCommands::certificate),
            Subcommand.named("generate").describe("Create a root CA NAME in DIR, and a server certificate for the"
                    + " daemon.").with(Output.OPTIONS).with(NAME, DIR, SERVER, ROOT_DAYS)
                    .runs(ProvisionCommands::generate),
            Subcommand.named("inspect").describe("Print each certificate in FILE: whom it names, who issued it, when"
                    + " it is valid, and the policy or command of its albatross extension.").with(Output.OPTIONS)
                    .with(FILE).runs(ProvisionCommands::inspect),
            Subcommand.named("revoke").describe("Add a certificate the CA issued to the CA's revocation list CRL (made"
                    + " if missing), which albatrossd reads as tls.crl: at its next connection, or on SIGHUP.")
                    .with(Output.OPTIONS).with(CA_CERT, CA_KEY, CRL, REVOKED, SERIAL, CRL_DAYS)
                    .runs(ProvisionCommands::revoke),
            Subcommand.named("sign").describe("Sign the request CSR with the CA; writes the chain to CSR's name +"
                    + " .pem.").with(Output.OPTIONS).with(CA_CERT, CA_KEY, CSR, SIGNED_DAYS)
                    .runs(ProvisionCommands::sign));

    private ProvisionCommands() {
    }

    private static int generate(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        String name = invocation.get(NAME);
        Path directory = invocation.get(DIR);
        String server = invocation.get(SERVER);
        CertificateAuthority root = CertificateAuthority.createRoot(name, output.target().keyType(),
                Duration.ofDays(invocation.get(ROOT_DAYS)), Clock.systemUTC());
        PrivateKeyFile.createDirectories(new UserFile(directory, "the directory DIR"));
        write(output, directory, name, root.credential());
        write(output, directory, server, root.issueServer(server, output.target().tlsKeyType(),
                CertificateAuthority.SERVER_VALIDITY));
        return ExitCode.SUCCESS.code();
    }

    private static int certificate(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        String name = invocation.get(NAME);
        try {
            CertificateAuthority tenant = authority(invocation.get(CA_CERT), invocation.get(CA_KEY)).delegate(
                    Label.of(name), new PolicyOptions(invocation).policy(), output.target().keyType(),
                    Duration.ofDays(invocation.get(TENANT_DAYS)));
            write(output, invocation.get(DIR), name, tenant.credential());
        } catch (PolicyViolation e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "cannot delegate " + name + ": " + e.getMessage(), e);
        }
        return ExitCode.SUCCESS.code();
    }

    private static int sign(Invocation invocation) {
        Output output = new Output(invocation);
        Path csr = invocation.get(CSR);
        try {
            List<X509Certificate> chain = authority(invocation.get(CA_CERT), invocation.get(CA_KEY)).sign(
                    new UserFile(csr, "the signing request CSR").signingRequest(),
                    Optional.ofNullable(invocation.get(SIGNED_DAYS)).map(Duration::ofDays));
            Path signed = csr.resolveSibling(csr.getFileName() + ".pem");
            new UserFile(signed, "the signed chain").write(Pem.encode(chain));
            output.line("wrote " + signed);
        } catch (PolicyViolation e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "refusing to sign " + csr + ": " + e.getMessage(), e);
        }
        return ExitCode.SUCCESS.code();
    }

    private static int inspect(Invocation invocation) {
        Output output = new Output(invocation);
        List<X509Certificate> certificates = new UserFile(invocation.get(FILE), "the certificate file FILE")
                .certificates();
        for (X509Certificate certificate : certificates) {
            InspectedCertificate inspected = InspectedCertificate.of(certificate);
            output.line(output.json ? JsonShapes.line(inspected) : inspected.table());
        }
        return ExitCode.SUCCESS.code();
    }

    private static int revoke(Invocation invocation) {
        CertificateAuthority authority = authority(invocation.get(CA_CERT), invocation.get(CA_KEY));
        RevocationFile list = new RevocationFile(new UserFile(invocation.get(CRL), "the revocation list CRL"));
        new Output(invocation).line(list.revoke(authority, RevocationFile.Revoked.of(authority,
                invocation.get(REVOKED), invocation.get(SERIAL)), Duration.ofDays(invocation.get(CRL_DAYS))));
        return ExitCode.SUCCESS.code();
    }

    private static CertificateAuthority authority(Path certificate, Path key) {
        return authority(new UserFile(certificate, "the CA certificate CACERT").certificates(),
                new UserFile(key, "the CA's key CAKEY"));
    }

    /** The CA whose chain is {@code chain}, its key read from {@code key}; refused unless the key is the CA's. */
    static CertificateAuthority authority(List<X509Certificate> chain, UserFile key) {
        try {
            return CertificateAuthority.of(new Credential(chain, PrivateKeyFile.read(key)), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(ExitCode.CLI_FAILED, key.role() + " " + key.path() + ": " + e.getMessage(), e);
        }
    }

    private static void write(Output output, Path directory, String name, Credential credential) {
        Path certificate = directory.resolve(name + ".pem");
        Path key = directory.resolve(name + ".key");
        PrivateKeyFile.write(new UserFile(key, "the key"), credential.key());
        new UserFile(certificate, "the certificate").write(Pem.encode(credential.chain()));
        output.line("wrote " + certificate + " and " + key);
    }
}
