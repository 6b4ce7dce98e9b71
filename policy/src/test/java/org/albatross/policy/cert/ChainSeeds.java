package org.albatross.policy.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albatross.policy.cert.CertificateForge.Forged;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.UnikernelCommand;

/**
 * The seed corpus of {@link CertificateChainFuzzTest}: chains forged under one root, written as the DER certificates
 * of a TLS Certificate message back to back, leaf first, and that root (the test's trust anchor). Keys are fresh at
 * each generation, so the files are committed as generated; regenerate them together with
 * {@code main(policy-module-directory)}.
 */
final class ChainSeeds {
    static final String ROOT = "src/test/resources/org/albatross/policy/cert/chain-fuzz-root.der";
    static final String DIRECTORY = "src/test/resources/org/albatross/policy/cert/CertificateChainFuzzTestInputs/"
            + "anyCertificateListIsVerifiedAndReadOrRefused";

    private static final Policy TENANT = new Policy(4, Set.of(0, 1), 512, Optional.of(100L), Set.of("service"));
    private static final Policy SMALLER = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());

    private ChainSeeds() {
    }

    public static void main(String[] arguments) throws IOException, CertificateEncodingException {
        Path module = Path.of(arguments.length > 0 ? arguments[0] : ".");
        Forged root = CertificateForge.authority("root").forge();
        Files.write(module.resolve(ROOT), root.certificate().getEncoded());
        Path directory = module.resolve(DIRECTORY);
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> seed : seeds(root).entrySet()) {
            Files.write(directory.resolve(seed.getKey()), seed.getValue());
        }
    }

    private static Map<String, byte[]> seeds(Forged root) throws CertificateEncodingException {
        Forged tenant = CertificateForge.authority("acme").issuedBy(root).command(new PolicyCommand.Add(TENANT))
                .forge();
        Forged team = CertificateForge.authority("web").issuedBy(tenant).command(new PolicyCommand.Add(SMALLER))
                .forge();
        Forged plain = CertificateForge.authority("plain").issuedBy(root).forge();
        Forged stranger = CertificateForge.authority("root").forge();
        Forged notACa = leaf("not-a-ca", root).forge();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("leaf", der(leaf("hello", root).command(new UnikernelCommand.Info()).forge()));
        seeds.put("leaf-and-root", der(leaf("hello", root).command(new UnikernelCommand.Destroy()).forge(), root));
        seeds.put("tenant", der(leaf("db", tenant).command(new BlockCommand.Add(10)).forge(), tenant, root));
        seeds.put("tenant-team", der(leaf(".", team).command(new ConsoleCommand.SubscribeCount(5)).forge(), team,
                tenant, root));
        seeds.put("plain-intermediate", der(leaf("hello", plain).command(new PolicyCommand.Info()).forge(), plain));
        seeds.put("leaf-without-command", der(leaf("hello", root).forge()));
        seeds.put("policy-in-leaf", der(leaf("hello", root).command(new PolicyCommand.Add(SMALLER)).forge()));
        seeds.put("expired", der(leaf("hello", root).command(new UnikernelCommand.Info())
                .validity(Instant.parse("2001-01-01T00:00:00Z"), Instant.parse("2002-01-01T00:00:00Z")).forge()));
        seeds.put("leaf-as-issuer", der(leaf("hello", notACa).command(new UnikernelCommand.Info()).forge(), notACa));
        seeds.put("untrusted", der(leaf("hello", stranger).command(new UnikernelCommand.Info()).forge(), stranger));
        return seeds;
    }

    private static CertificateForge leaf(String commonName, Forged issuer) {
        return CertificateForge.leaf(commonName).issuedBy(issuer);
    }

    private static byte[] der(Forged... leafFirst) throws CertificateEncodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Forged forged : leafFirst) {
            out.writeBytes(forged.certificate().getEncoded());
        }
        return out.toByteArray();
    }
}
