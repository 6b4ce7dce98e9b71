package org.albatross.client;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.albatross.policy.cert.AlbatrossExtension;
import org.albatross.policy.cert.ChainRefused;
import org.albatross.protocol.Command;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;

/**
 * One certificate as {@code inspect} shows it: whom it names and who issued it, its serial number (hex, as
 * {@code revoke --serial} takes it), when it is valid, whether it is a CA, and what its albatross extension carries:
 * the policy a tenant CA grants, or the command a leaf asks for. In JSON {@code {"kind":"inspected-certificate",...}},
 * the policy and command as records (absent ones null).
 *
 * @param unreadableExtension why the albatross extension could not be read, if it could not
 */
record InspectedCertificate(String subject, String issuer, String serial, Instant notBefore, Instant notAfter,
        boolean ca, Optional<Policy> policy, Optional<Command> command, Optional<String> unreadableExtension) {

    static InspectedCertificate of(X509Certificate certificate) {
        Optional<Command> carried = Optional.empty();
        Optional<String> unreadable = Optional.empty();
        try {
            carried = AlbatrossExtension.command(certificate);
        } catch (ChainRefused e) {
            unreadable = Optional.of(e.getMessage());
        }
        Optional<Policy> policy = carried.filter(PolicyCommand.Add.class::isInstance)
                .map(add -> ((PolicyCommand.Add) add).policy());
        return new InspectedCertificate(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                certificate.getBasicConstraints() >= 0, policy, policy.isPresent() ? Optional.empty() : carried,
                unreadable);
    }

    /** For a person: a FIELD/VALUE table, the extension's content in words. */
    String table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("subject", subject));
        rows.add(List.of("issuer", issuer));
        rows.add(List.of("serial", serial));
        rows.add(List.of("valid", notBefore + " to " + notAfter));
        rows.add(List.of("ca", ca ? "yes" : "no"));
        policy.ifPresent(granted -> rows.add(List.of("policy", HumanView.of(granted))));
        command.ifPresent(asked -> rows.add(List.of("command", JsonShapes.keyValues((Record) asked))));
        unreadableExtension.ifPresent(why -> rows.add(List.of("extension", "unreadable: " + why)));
        if (policy.isEmpty() && command.isEmpty() && unreadableExtension.isEmpty()) {
            rows.add(List.of("extension", "none (not an albatross CA or command certificate)"));
        }
        return Table.of(List.of("FIELD", "VALUE"), rows);
    }
}
