package io.netstep.certs;

import io.netstep.certs.scan.ArrayContent;
import io.netstep.certs.scan.ArrayRole;
import io.netstep.certs.scan.CArrayDecl;
import io.netstep.certs.scan.CCall;
import io.netstep.certs.scan.CConstant;
import io.netstep.certs.scan.CSourceScanner;
import io.netstep.certs.scan.CallCheck;
import io.netstep.certs.scan.FoundArray;
import io.netstep.certs.scan.LengthExpr;
import io.netstep.certs.scan.ProjectNames;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Failure F6 from the source side: finds the certificate and key arrays of a firmware
 * project, reconstructs their bytes as the compiler does, and says in plain words, with
 * file:line, what mbedTLS or wolfSSL will make of them: PEM without its NUL, wrong length
 * constants, base64 broken by an escape, header/footer mismatch, a certificate where the CA
 * belongs, expired certificates, the wrong CA for the broker, a key that does not match the
 * client certificate, DER passed with the PEM flag.
 */
public final class CertArrayCheck {

    /**
     * @param now         the clock for expiry checks
     * @param brokerChain the broker's chain (leaf first), when known: the CA arrays must verify it
     * @param expectedCa  the CA the project should trust, when known
     */
    public record Options(Instant now, List<X509Certificate> brokerChain, List<X509Certificate> expectedCa) {
        public Options {
            brokerChain = brokerChain == null ? List.of() : List.copyOf(brokerChain);
            expectedCa = expectedCa == null ? List.of() : List.copyOf(expectedCa);
        }

        public static Options defaults() {
            return new Options(Instant.now(), List.of(), List.of());
        }
    }

    public record Report(Path dir, List<FoundArray> arrays, List<Finding> findings) {
        public boolean hasErrors() {
            return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        }

        public boolean hasProblems() {
            return findings.stream().anyMatch(f -> f.severity() != Severity.INFO);
        }

        public String format() {
            StringBuilder b = new StringBuilder();
            if (arrays.isEmpty()) b.append("no certificate or key arrays found under ").append(dir).append('\n');
            for (FoundArray a : arrays) {
                b.append(a.where()).append(": ").append(a.name()).append(": ").append(a.content()).append("; used as ")
                        .append(a.role().words());
                if (!a.usedBy().isEmpty()) b.append(" (").append(String.join(", ", a.usedBy())).append(')');
                b.append('\n');
                for (X509Certificate c : a.certificates()) {
                    b.append("    \"").append(ChainCheck.name(c)).append("\" issued by \"").append(c.getIssuerX500Principal().getName())
                            .append("\", valid until ").append(c.getNotAfter().toInstant()).append('\n');
                }
            }
            for (Finding f : findings) b.append(f.format()).append('\n');
            long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
            long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
            b.append(arrays.size()).append(" array(s), ").append(errors).append(" error(s), ").append(warnings).append(" warning(s)\n");
            return b.toString();
        }
    }

    private CertArrayCheck() { }

    public static Report scan(Path projectDir) throws IOException {
        return scan(projectDir, Options.defaults());
    }

    public static Report scan(Path projectDir, Options options) throws IOException {
        return check(projectDir, CSourceScanner.scanDirectory(projectDir), options);
    }

    public static Report check(Path dir, CSourceScanner.Scan scan, Options o) {
        ProjectNames names = new ProjectNames(scan.arrays(), scan.constants());
        List<Finding> findings = new ArrayList<>();
        Map<String, ArrayContent.Result> contents = new LinkedHashMap<>();
        Map<String, CArrayDecl> decls = new LinkedHashMap<>();
        for (CArrayDecl a : scan.arrays()) {
            if (decls.containsKey(key(a))) continue;
            byte[] mem = names.memory(a);
            if (!ArrayContent.interesting(mem)) continue;
            decls.put(key(a), a);
            ArrayContent.Result r = ArrayContent.read(a, mem);
            contents.put(key(a), r);
            findings.addAll(r.findings());
        }
        boolean usesMbed = scan.calls().stream().anyMatch(c -> c.function().startsWith("mbedtls"));
        boolean usesWolf = scan.calls().stream().anyMatch(c -> c.function().startsWith("wolfSSL"))
                || scan.constants().stream().anyMatch(c -> c.expression().contains("SSL_FILETYPE_"));

        // roles: what each array is passed to, then where mbedTLS chains go
        Map<String, ArrayRole> roles = new LinkedHashMap<>();
        Map<String, List<String>> usedBy = new LinkedHashMap<>();
        Map<String, String> parsedInto = new LinkedHashMap<>();
        Map<String, ArrayRole> varRoles = new LinkedHashMap<>();
        List<String[]> ownPairs = new ArrayList<>();
        for (CCall c : scan.calls()) {
            if (c.function().equals("mbedtls_ssl_conf_ca_chain") && c.args().size() >= 2) varRoles.put(var(c.args().get(1)), ArrayRole.CA);
            if (c.function().equals("mbedtls_ssl_conf_own_cert") && c.args().size() >= 3) {
                varRoles.put(var(c.args().get(1)), ArrayRole.OWN_CERT);
                ownPairs.add(new String[] { var(c.args().get(1)), var(c.args().get(2)) });
            }
        }
        for (CCall c : scan.calls()) {
            int bi = CallCheck.bufferIndex(c.function());
            if (bi < 0 || c.args().size() <= bi) continue;
            String name = resolve(decls, CallCheck.bufferName(c.args().get(bi)), c.file());
            if (name == null) continue;
            usedBy.computeIfAbsent(name, k -> new ArrayList<>()).add(c.function() + " at " + c.where());
            ArrayRole r = CallCheck.roleOf(c.function());
            if (c.function().startsWith("mbedtls")) {
                String v = var(c.args().get(0));
                parsedInto.put(name, v);
                if (r == ArrayRole.UNKNOWN) r = varRoles.getOrDefault(v, guessRole(v));
            }
            if (r != ArrayRole.UNKNOWN) roles.putIfAbsent(name, r);
        }

        List<FoundArray> arrays = new ArrayList<>();
        Map<String, FoundArray> byName = new LinkedHashMap<>();
        for (var e : decls.entrySet()) {
            ArrayContent.Result r = contents.get(e.getKey());
            ArrayRole role = roles.getOrDefault(e.getKey(), guessRole(e.getValue().name()));
            if (role == ArrayRole.UNKNOWN) role = !r.keys().isEmpty() ? ArrayRole.KEY : !r.certs().isEmpty()
                    && r.certs().stream().allMatch(c -> c.getBasicConstraints() >= 0) ? ArrayRole.CA : r.certs().isEmpty() ? ArrayRole.UNKNOWN : ArrayRole.OWN_CERT;
            FoundArray fa = new FoundArray(e.getValue(), names.memory(e.getValue()), r.pem(), r.textLength(), role, r.certs(), r.keys(),
                    usedBy.getOrDefault(e.getKey(), List.of()));
            arrays.add(fa);
            byName.put(e.getKey(), fa);
        }

        for (FoundArray a : arrays) findings.addAll(arrayFindings(a, names, o, usesMbed, usesWolf));
        List<String> checkedConstants = new ArrayList<>();
        for (CCall c : scan.calls()) {
            int bi = CallCheck.bufferIndex(c.function());
            if (bi < 0 || c.args().size() <= bi) continue;
            FoundArray a = byName.get(resolve(decls, CallCheck.bufferName(c.args().get(bi)), c.file()));
            if (a == null) continue;
            CallCheck.check(c, a, names, findings);
            if (c.args().size() > 2) checkedConstants.add(c.args().get(2));
        }
        findings.addAll(lengthConstants(scan.constants(), byName, names, checkedConstants, usesMbed || !usesWolf));
        findings.addAll(crossChecks(arrays, o, ownPairs, parsedInto));
        if (usesWolf && !usesMbed) { // wolfSSL reads a BEGIN line glued to the base64: only mbedTLS refuses it
            findings.replaceAll(f -> f.code().equals("pem-no-newline-after-header")
                    ? new Finding(Severity.WARNING, f.code(), f.where(), f.message(), f.fix()) : f);
        }
        return new Report(dir, arrays, findings);
    }

    /**
     * The array written again, right (NUL and length for PEM, exact DER length, line-wrapped),
     * from what it holds; empty when its content cannot be read (broken base64, cut off).
     */
    public static java.util.Optional<CArrays> corrected(FoundArray a) {
        if (a.certificates().isEmpty() && a.keys().isEmpty()) return java.util.Optional.empty();
        TlsLibrary lib = a.usedBy().stream().anyMatch(u -> u.startsWith("wolfSSL")) ? TlsLibrary.WOLFSSL : TlsLibrary.MBEDTLS;
        CertificateSet s = new CertificateSet(a.where(), a.certificates(), a.keys(), List.of());
        return java.util.Optional.of(CArrayWriter.toC(s, lib, a.pem() ? CFormat.PEM : CFormat.DER, a.name()));
    }

    private static String key(CArrayDecl a) {
        return a.file() + "|" + a.name();
    }

    /** The array a name in {@code file} refers to: one in the same file, else the same folder, else anywhere. */
    private static String resolve(Map<String, CArrayDecl> decls, String name, Path file) {
        if (name == null) return null;
        String best = null;
        int bestScore = -1;
        for (var e : decls.entrySet()) {
            CArrayDecl d = e.getValue();
            if (!d.name().equals(name)) continue;
            int score = d.file().equals(file) ? 2 : java.util.Objects.equals(d.file().getParent(), file.getParent()) ? 1 : 0;
            if (score > bestScore) {
                best = e.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    private static String var(String arg) {
        return arg.replaceAll("[&\\s()]", "").replaceAll("^\\(.*\\)", "");
    }

    /** From the name people give their arrays and variables: "ca", "root", "cacert" → CA; "key", "priv" → key. */
    static ArrayRole guessRole(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.matches(".*(key|priv).*")) return ArrayRole.KEY;
        if (n.matches("(.*[_.>])?(ca|root|rootca|root_ca|cacert|ca_cert|ca_crt|ca_pem|trust\\w*|amazon\\w*)([_.].*)?") || n.startsWith("ca")
                || n.contains("root")) return ArrayRole.CA;
        if (n.matches(".*(cert|crt|client|device).*")) return ArrayRole.OWN_CERT;
        return ArrayRole.UNKNOWN;
    }

    private static List<Finding> arrayFindings(FoundArray a, ProjectNames names, Options o, boolean usesMbed, boolean usesWolf) {
        List<Finding> out = new ArrayList<>();
        CArrayDecl d = a.decl();
        Long declared = names.declaredSize(d);
        if (a.pem() && d.string() && declared != null) {
            int lit = d.literal().length;
            if (declared < lit) {
                out.add(Finding.error("array-too-small", a.where(), a.name() + "[" + d.declaredSize() + "] holds " + declared + " bytes but its text is "
                        + lit + " characters: the compiler cuts the PEM short (and only warns)", "declare it " + a.name() + "[] and let the compiler count"));
            } else if (declared == lit && (usesMbed || !usesWolf)) {
                out.add(Finding.error("pem-no-room-for-nul", a.where(), a.name() + "[" + d.declaredSize() + "] is exactly as long as its text: "
                        + "the compiler drops the terminating NUL, and mbedTLS only recognises PEM that ends with one",
                        "declare it " + a.name() + "[] (sizeof then counts the NUL)"));
            }
        }
        for (X509Certificate c : a.certificates()) {
            String who = a.where() + " (" + a.name() + ": \"" + ChainCheck.name(c) + "\")";
            out.addAll(CertValidator.dates(c, o.now(), who));
            out.addAll(LibraryPolicy.check(c, who));
            if (a.role() == ArrayRole.CA) {
                for (Finding f : CertValidator.checkIsCa(c, who)) {
                    out.add(f.code().equals("ca-is-leaf") ? new Finding(f.severity(), f.code(), f.where(), "certificate instead of CA: " + a.name()
                            + " is passed as the CA but holds \"" + ChainCheck.name(c) + "\", an end-entity certificate issued by \""
                            + c.getIssuerX500Principal().getName() + "\" (basicConstraints CA:FALSE): nothing it would have to "
                            + "verify is signed by it", f.fix()) : f);
                }
            }
        }
        for (KeyMaterial k : a.keys()) out.addAll(LibraryPolicy.checkKey(k.privateKey(), a.where() + " (" + a.name() + ")", "private key"));
        if (a.role() == ArrayRole.CA && !a.keys().isEmpty() || a.role() == ArrayRole.OWN_CERT && !a.keys().isEmpty()) {
            out.add(Finding.error("role-mismatch", a.where(), a.name() + " is used as the " + a.role().words() + " but holds a private key",
                    "pass the certificate array here and the key to " + (a.pem() ? "mbedtls_pk_parse_key / wolfSSL_CTX_use_PrivateKey_buffer" : "the key loader")));
        }
        if (a.role() == ArrayRole.KEY && !a.certificates().isEmpty() && a.keys().isEmpty()) {
            out.add(Finding.error("role-mismatch", a.where(), a.name() + " is used as the private key but holds a certificate",
                    "pass the private key array here"));
        }
        return out;
    }

    /** {@code ca_pem_len = 1234} next to {@code ca_pem[]}: the number must be the array's real size. */
    private static List<Finding> lengthConstants(List<CConstant> constants, Map<String, FoundArray> arrays, ProjectNames names,
                                                 List<String> usedInCalls, boolean mbedOrUnknown) {
        List<Finding> out = new ArrayList<>();
        for (CConstant c : constants) {
            FoundArray a = arrayForConstant(c.name(), c.file(), arrays);
            if (a == null || !c.expression().trim().matches("\\(?\\s*[0-9]+[uUlL]*\\s*\\)?")) continue;
            if (usedInCalls.stream().anyMatch(u -> u.matches(".*\\b" + c.name() + "\\b.*"))) continue; // the call check reports it
            Long value = LengthExpr.evaluate(c.expression(), names).value();
            if (value == null) continue;
            long v = value;
            int natural = a.memory().length;
            if (a.pem()) {
                if (v == natural) continue;
                if (v == a.textLength()) {
                    if (mbedOrUnknown) out.add(Finding.warning("len-const-no-nul", c.where(), c.name() + " = " + v + " is the text length of " + a.name()
                            + " without the NUL: mbedTLS needs " + (v + 1) + " (strlen + 1) to recognise PEM",
                            "define " + c.name() + " as sizeof(" + a.name() + ")"));
                    continue;
                }
            } else if (v == a.textLength()) {
                continue;
            }
            out.add(Finding.error("len-const-mismatch", c.where(), c.name() + " = " + v + " but " + a.name() + " (" + a.where() + ") is "
                    + natural + " bytes" + (a.pem() ? " (" + a.textLength() + " characters + NUL)" : "")
                    + ": the array was changed and the length was not (or the reverse)", "define " + c.name() + " as sizeof(" + a.name() + ")"));
        }
        return out;
    }

    /** The array a constant is named after ({@code ca_len}, {@code CA_SIZE}, {@code sizeof_ca}), preferring the constant's folder. */
    static FoundArray arrayForConstant(String constant, Path file, Map<String, FoundArray> arrays) {
        String c = constant.toLowerCase(Locale.ROOT);
        FoundArray found = null;
        for (FoundArray a : arrays.values()) {
            String n = a.name().toLowerCase(Locale.ROOT);
            if (c.equals(n + "_len") || c.equals(n + "_size") || c.equals(n + "_length") || c.equals(n + "len") || c.equals("sizeof_" + n)
                    || c.equals(n + "_sz")) {
                if (java.util.Objects.equals(a.decl().file().getParent(), file.getParent())) return a;
                if (found == null) found = a;
            }
        }
        return found;
    }

    private static List<Finding> crossChecks(List<FoundArray> arrays, Options o, List<String[]> ownPairs, Map<String, String> parsedInto) {
        List<Finding> out = new ArrayList<>();
        List<FoundArray> caArrays = arrays.stream().filter(a -> a.role() == ArrayRole.CA && !a.certificates().isEmpty()).toList();
        List<X509Certificate> anchors = caArrays.stream().flatMap(a -> a.certificates().stream()).toList();
        if (!o.expectedCa().isEmpty() && !caArrays.isEmpty() && anchors.stream().noneMatch(o.expectedCa()::contains)) {
            for (FoundArray a : caArrays) {
                out.add(Finding.error("ca-not-expected", a.where(), a.name() + " holds " + ChainCheck.names(a.certificates()) + ", not the CA given ("
                        + ChainCheck.names(o.expectedCa()) + ")", "replace " + a.name() + " with the given CA (netstep certs to-c)"));
            }
        }
        if (!o.brokerChain().isEmpty()) {
            if (arrays.stream().noneMatch(a -> a.role() == ArrayRole.CA)) {
                out.add(Finding.warning("no-ca-array", "", "no CA certificate array found: the firmware cannot verify the broker",
                        "add the broker's CA as an array (netstep certs to-c) and pass it to mbedtls_ssl_conf_ca_chain / wolfSSL_CTX_load_verify_buffer"));
            } else if (!caArrays.isEmpty() && !ChainCheck.trusted(o.brokerChain(), anchors)) { // unreadable CA arrays are reported already
                X509Certificate leaf = o.brokerChain().get(0);
                X509Certificate top = o.brokerChain().get(o.brokerChain().size() - 1);
                for (FoundArray a : caArrays) {
                    boolean isBrokerCert = a.certificates().stream().anyMatch(o.brokerChain()::contains);
                    out.add(Finding.error("ca-wrong-for-broker", a.where(), "wrong CA for the broker: the broker presents \"" + ChainCheck.name(leaf)
                            + "\" issued by \"" + top.getIssuerX500Principal().getName() + "\", but " + a.name() + " holds "
                            + ChainCheck.names(a.certificates()) + (isBrokerCert ? " (the broker's own certificate, not its CA)" : "")
                            + ": the handshake fails with MBEDTLS_X509_BADCERT_NOT_TRUSTED / wolfSSL ASN_NO_SIGNER_E (-188)",
                            "put the certificate of \"" + top.getIssuerX500Principal().getName() + "\" in " + a.name()));
                }
            }
        }
        // the device's key must belong to the device's certificate
        List<FoundArray> keys = arrays.stream().filter(a -> a.role() == ArrayRole.KEY && !a.keys().isEmpty()).toList();
        List<FoundArray> own = arrays.stream().filter(a -> a.role() == ArrayRole.OWN_CERT && !a.certificates().isEmpty()).toList();
        for (FoundArray k : keys) {
            List<FoundArray> partners = new ArrayList<>();
            for (String[] pair : ownPairs) {
                if (pair[1].equals(parsedInto.get(key(k.decl())))) {
                    own.stream().filter(c -> pair[0].equals(parsedInto.get(key(c.decl())))).forEach(partners::add);
                }
            }
            if (partners.isEmpty()) partners.addAll(own);
            if (partners.isEmpty()) continue;
            boolean match = partners.stream().anyMatch(c -> Keys.matches(k.keys().get(0).privateKey(), c.certificates().get(0).getPublicKey()));
            if (!match) {
                FoundArray c = partners.get(0);
                out.add(Finding.error("key-mismatch", k.where(), "the private key in " + k.name() + " (" + k.keys().get(0).describe()
                        + ") does not belong to the client certificate in " + c.name() + " (" + c.where() + ", \"" + ChainCheck.name(c.certificates().get(0))
                        + "\", " + Keys.describe(c.certificates().get(0).getPublicKey()) + "): the broker rejects the client's CertificateVerify",
                        "use the key that was generated with that certificate, or the certificate issued for this key"));
            }
        }
        return out;
    }
}
