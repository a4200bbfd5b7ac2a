package io.netstep.certs.cli;

import io.netstep.certs.CertImport;
import io.netstep.certs.CertImportException;
import io.netstep.certs.CertValidator;
import io.netstep.certs.CertificateSet;
import io.netstep.certs.ChainCheck;
import io.netstep.certs.Finding;
import io.netstep.certs.KeyMaterial;
import io.netstep.certs.Keys;
import io.netstep.certs.Purpose;
import io.netstep.certs.Severity;
import io.netstep.certs.ValidationRequest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@code netstep certs inspect}: what the files hold, and what a TLS library will say about it. */
final class Inspect {

    private Inspect() { }

    static int run(Args a, PrintStream out, PrintStream err) throws CertsCommand.UsageException {
        if (a.positional().isEmpty()) throw new CertsCommand.UsageException("inspect needs at least one file");
        char[] pw = CertsCommand.password(a);
        CertificateSet all = null;
        boolean unreadable = false;
        for (String f : a.positional()) {
            try {
                CertificateSet s = CertImport.read(Path.of(f), pw);
                print(s, out);
                all = all == null ? s : all.plus(s);
            } catch (CertImportException e) {
                out.println(f + ": error: " + e.getMessage());
                unreadable = true;
            }
        }
        if (all == null) return 1;
        List<X509Certificate> anchors = new ArrayList<>();
        try {
            if (a.one("--ca") != null) anchors.addAll(CertsCommand.certsOf(a.one("--ca"), "--ca"));
        } catch (CertImportException e) {
            err.println("netstep certs: " + e.getMessage());
            return 1;
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (X509Certificate c : all.certificates()) {
            if (anchors.isEmpty() && c.getBasicConstraints() >= 0 && ChainCheck.selfSigned(c)) continue;
            chain.add(c);
        }
        if (anchors.isEmpty()) {
            all.certificates().stream().filter(c -> c.getBasicConstraints() >= 0 && ChainCheck.selfSigned(c)).forEach(anchors::add);
        }
        Purpose purpose = purpose(a, chain);
        KeyMaterial key = all.keys().isEmpty() ? null : all.keys().get(0);
        ValidationRequest req = new ValidationRequest(chain, chain.isEmpty() ? List.of() : anchors, key, purpose, a.one("--host"), CertsCommand.now(a));
        List<Finding> findings = new ArrayList<>(all.notes());
        findings.addAll(CertValidator.validate(req));
        if (chain.isEmpty()) for (X509Certificate c : anchors) findings.addAll(io.netstep.certs.LibraryPolicy.check(c, ChainCheck.name(c)));
        for (Finding f : findings) out.println(f.format());
        long problems = findings.stream().filter(f -> f.severity() != Severity.INFO).count();
        out.println(problems == 0 && !unreadable ? "no problems found" : problems + " problem(s) found");
        return problems > 0 || unreadable ? 1 : 0;
    }

    private static Purpose purpose(Args a, List<X509Certificate> chain) throws CertsCommand.UsageException {
        String p = a.one("--purpose");
        if (p != null) {
            return switch (p) {
                case "server" -> Purpose.SERVER;
                case "client" -> Purpose.CLIENT;
                case "ca" -> Purpose.CA;
                default -> throw new CertsCommand.UsageException("--purpose is server, client or ca");
            };
        }
        if (chain.isEmpty()) return Purpose.ANY;
        if (a.one("--host") != null) return Purpose.SERVER;
        try {
            List<String> eku = chain.get(0).getExtendedKeyUsage();
            if (eku != null && eku.contains("1.3.6.1.5.5.7.3.1")) return Purpose.SERVER;
            if (eku != null && eku.contains("1.3.6.1.5.5.7.3.2")) return Purpose.CLIENT;
        } catch (CertificateParsingException e) {
            // no EKU: purpose not said
        }
        return Purpose.ANY;
    }

    private static void print(CertificateSet s, PrintStream out) {
        out.println(s.source() + ":");
        for (X509Certificate c : s.certificates()) {
            out.println("  certificate \"" + ChainCheck.name(c) + "\"" + (c.getBasicConstraints() >= 0 ? " (CA)" : ""));
            out.println("    issuer    " + c.getIssuerX500Principal().getName() + (ChainCheck.selfSigned(c) ? " (self-signed)" : ""));
            out.println("    valid     " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
            out.println("    key       " + Keys.describe(c.getPublicKey()) + ", signed with " + c.getSigAlgName());
            List<String> sans = sans(c);
            if (!sans.isEmpty()) out.println("    names     " + String.join(", ", sans));
        }
        for (KeyMaterial k : s.keys()) out.println("  private key " + k.describe() + " (" + k.format() + ")");
    }

    private static List<String> sans(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> s = c.getSubjectAlternativeNames();
            if (s != null) for (List<?> e : s) out.add(String.valueOf(e.get(1)));
        } catch (CertificateParsingException e) {
            // shown as no names
        }
        return out;
    }
}
