package org.albatross.policy.cert;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.albatross.policy.PolicyRules;
import org.albatross.policy.cert.ChainRefused.Reason;
import org.albatross.protocol.BlockCommand;
import org.albatross.protocol.Command;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Label;
import org.albatross.protocol.Name;
import org.albatross.protocol.Path;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.UnikernelCommand;

/**
 * Turns a client certificate chain into an {@link Identity} by albatross's rules: intermediate CAs carrying the
 * albatross extension add their common name to the path and grant the policy they carry, the leaf's common name is
 * the label ({@code "."} or {@code ":"} for the path itself) and its extension the command.
 *
 * <p>The chain's signatures are assumed verified (by TLS, or by {@link ChainVerifier}); everything else is checked
 * here, at the instant given: validity, revocation, and basic constraints and key usage. BasicConstraints CA:true
 * is required of every certificate above the leaf; KeyUsage and ExtendedKeyUsage are optional, but when present
 * they must allow the certificate's role (keyCertSign for a CA; digitalSignature and clientAuth for the leaf), and a
 * leaf must not be a CA.
 */
public final class IdentityReader {

    /** A chain must have fewer than 10 certificates, as albatross requires. */
    public static final int MAX_CHAIN_LENGTH = 9;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
    private static final int KEY_USAGE_KEY_CERT_SIGN = 5;

    private final Revocations revocations;

    public IdentityReader(Revocations revocations) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    /** Reads a verified chain, leaf first as TLS presents it (the root may be included), as of {@code now}. */
    public Identity read(List<X509Certificate> chain, Instant now) throws ChainRefused {
        if (chain.isEmpty()) {
            throw new ChainRefused(Reason.EMPTY, "the certificate chain is empty");
        }
        if (chain.size() > MAX_CHAIN_LENGTH) {
            throw new ChainRefused(Reason.TOO_LONG, "the certificate chain has " + chain.size()
                    + " certificates, at most " + MAX_CHAIN_LENGTH + " are allowed");
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            requireValidAt(certificate, now);
            revocations.requireNotRevoked(certificate);
            if (i == 0) {
                requireLeafUsage(certificate);
            } else {
                requireAuthority(certificate, i - 1);
            }
        }
        List<Delegation> policies = delegations(chain.subList(1, chain.size()));
        Path path = policies.isEmpty() ? Path.ROOT : policies.get(policies.size() - 1).path();
        X509Certificate leaf = chain.get(0);
        Command command = AlbatrossExtension.command(leaf).orElseThrow(() -> new ChainRefused(Reason.NO_COMMAND,
                "leaf certificate " + CertificateNames.describe(leaf) + " carries no albatross command (extension "
                        + AlbatrossExtension.OID + ")"));
        if (!allowedInLeaf(command)) {
            throw new ChainRefused(Reason.COMMAND_NOT_ALLOWED, "leaf certificate " + CertificateNames.describe(leaf)
                    + " carries " + command + ", which a certificate may not ask for");
        }
        return new Identity(leafName(leaf, path), policies, command);
    }

    /**
     * The policies CA certificates grant, read from the root down: each CA carrying the albatross extension adds its
     * common name to the path and must carry a policy that fits inside the one above it.
     *
     * @param authorities CA certificates nearest the leaf first, as they follow the leaf in a chain
     * @return the delegations, outermost first
     */
    public static List<Delegation> delegations(List<X509Certificate> authorities) throws ChainRefused {
        Path path = Path.ROOT;
        List<Delegation> policies = new ArrayList<>();
        for (int i = authorities.size() - 1; i >= 0; i--) {
            X509Certificate authority = authorities.get(i);
            Optional<Command> granted = AlbatrossExtension.command(authority);
            if (granted.isEmpty()) {
                continue;
            }
            if (!(granted.get() instanceof PolicyCommand.Add add)) {
                throw new ChainRefused(Reason.COMMAND_NOT_ALLOWED, "CA certificate " + CertificateNames.describe(
                        authority) + " carries " + granted.get() + "; a CA certificate may only carry a policy");
            }
            path = path.append(label(authority));
            if (!policies.isEmpty()) {
                Delegation parent = policies.get(policies.size() - 1);
                Optional<String> why = PolicyRules.whyNotSmaller(add.policy(), parent.policy());
                if (why.isPresent()) {
                    throw new ChainRefused(Reason.POLICY_NOT_SMALLER, "CA certificate " + CertificateNames.describe(
                            authority) + " grants " + path + " " + why.get() + " by its parent " + parent.path());
                }
            }
            policies.add(new Delegation(path, add.policy()));
        }
        return policies;
    }

    /** albatross's list, plus our event log query; never a policy change, never the daemon's internal commands. */
    public static boolean allowedInLeaf(Command command) {
        return command instanceof ConsoleCommand.SubscribeCount
                || command instanceof ConsoleCommand.SubscribeSince
                || command instanceof ConsoleCommand.ListInactive
                || command instanceof StatsCommand.Subscribe
                || command instanceof UnikernelCommand
                || command instanceof PolicyCommand.Info
                || command instanceof BlockCommand
                || command instanceof EventLogCommand;
    }

    private static Name leafName(X509Certificate leaf, Path path) throws ChainRefused {
        Optional<String> commonName = CertificateNames.commonName(leaf);
        if (commonName.isEmpty() || List.of("", ".", ":").contains(commonName.get())) {
            return Name.of(path);
        }
        return Name.of(path, label(leaf));
    }

    private static Label label(X509Certificate certificate) throws ChainRefused {
        String commonName = CertificateNames.commonName(certificate).orElseThrow(() -> new ChainRefused(
                Reason.INVALID_NAME, "CA certificate " + CertificateNames.describe(certificate)
                        + " carries a policy but has no common name to name the tenant"));
        try {
            return Label.of(commonName);
        } catch (InvalidName e) {
            throw new ChainRefused(Reason.INVALID_NAME, "certificate " + CertificateNames.describe(certificate)
                    + ": its common name is not an albatross label: " + e.getMessage(), e);
        }
    }

    private static void requireValidAt(X509Certificate certificate, Instant now) throws ChainRefused {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new ChainRefused(Reason.EXPIRED, "certificate expired: " + CertificateNames.describe(certificate)
                    + " was valid until " + certificate.getNotAfter().toInstant() + ", it is now " + now, e);
        } catch (CertificateNotYetValidException e) {
            throw new ChainRefused(Reason.NOT_YET_VALID, "certificate not yet valid: "
                    + CertificateNames.describe(certificate) + " is valid from "
                    + certificate.getNotBefore().toInstant()
                    + ", it is now " + now + " (check the clocks of client and server)", e);
        }
    }

    private static void requireAuthority(X509Certificate certificate, int authoritiesBelow) throws ChainRefused {
        int pathLength = certificate.getBasicConstraints();
        if (pathLength < 0) {
            throw constraint(certificate, "issues another certificate of the chain but is not a CA "
                    + "(BasicConstraints CA:true missing)");
        }
        if (authoritiesBelow > pathLength) {
            throw constraint(certificate, "allows " + pathLength + " CAs below it, the chain has " + authoritiesBelow);
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_USAGE_KEY_CERT_SIGN]) {
            throw constraint(certificate, "is a CA whose KeyUsage lacks keyCertSign");
        }
    }

    private static void requireLeafUsage(X509Certificate leaf) throws ChainRefused {
        if (leaf.getBasicConstraints() >= 0) {
            throw constraint(leaf, "is the leaf but a CA (BasicConstraints CA:true); a command certificate must "
                    + "have CA:false");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_USAGE_DIGITAL_SIGNATURE]) {
            throw constraint(leaf, "is the leaf but its KeyUsage lacks digitalSignature");
        }
        try {
            List<String> purposes = leaf.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
                throw constraint(leaf, "is the leaf but its ExtendedKeyUsage " + purposes + " lacks clientAuth");
            }
        } catch (CertificateParsingException e) {
            throw new ChainRefused(Reason.CONSTRAINTS, "certificate " + CertificateNames.describe(leaf)
                    + " has an unreadable ExtendedKeyUsage: " + e.getMessage(), e);
        }
    }

    private static ChainRefused constraint(X509Certificate certificate, String what) {
        return new ChainRefused(Reason.CONSTRAINTS,
                "certificate " + CertificateNames.describe(certificate) + " " + what);
    }
}
