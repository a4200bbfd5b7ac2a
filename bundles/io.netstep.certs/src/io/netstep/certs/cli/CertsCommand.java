package io.netstep.certs.cli;

import io.netstep.certs.CArrayWriter;
import io.netstep.certs.CArrays;
import io.netstep.certs.CFormat;
import io.netstep.certs.CertArrayCheck;
import io.netstep.certs.CertImport;
import io.netstep.certs.CertImportException;
import io.netstep.certs.CertificateSet;
import io.netstep.certs.Finding;
import io.netstep.certs.TestPkiMaker;
import io.netstep.certs.TlsLibrary;
import io.netstep.net.broker.TestPki;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code netstep certs …}: inspect certificate/key files, check a project's C arrays (F6),
 * convert to C for mbedTLS or wolfSSL, make a test PKI. Exit status: 0 all good,
 * 1 findings (or an unreadable input), 2 usage error.
 */
public final class CertsCommand {

    static final String USAGE = String.join("\n",
            "usage: netstep certs inspect FILE... [--ca FILE] [--host NAME] [--purpose server|client|ca] [--password-env VAR] [--now ISO-TIME]",
            "       netstep certs check DIR [--ca FILE] [--broker-chain FILE] [--now ISO-TIME] [--write-fixed DIR]",
            "       netstep certs to-c FILE... --lib mbedtls|wolfssl --name NAME [--format pem|der] [--out DIR] [--password-env VAR]",
            "       netstep certs make-pki DIR [--server-name NAME]... [--rsa]",
            "FILE: PEM (certificates, chains, PKCS#1/PKCS#8/SEC1 keys, encrypted PKCS#8), DER or PKCS#12.",
            "Exit status: 0 no problems, 1 problems found, 2 usage error.");

    private CertsCommand() { }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        Args a;
        try {
            a = Args.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("netstep certs: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return switch (args.get(0)) {
                case "inspect" -> Inspect.run(a, out, err);
                case "check" -> check(a, out, err);
                case "to-c" -> toC(a, out, err);
                case "make-pki" -> makePki(a, out, err);
                default -> usage(err, "unknown command \"" + args.get(0) + "\"");
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            err.println("netstep certs: " + e.getMessage());
            return 1;
        }
    }

    static int usage(PrintStream err, String message) {
        err.println("netstep certs: " + message);
        err.println(USAGE);
        return 2;
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    static Instant now(Args a) throws UsageException {
        String n = a.one("--now");
        if (n == null) return Instant.now();
        try {
            return Instant.parse(n);
        } catch (DateTimeParseException e) {
            throw new UsageException("--now wants an ISO time such as 2026-01-31T12:00:00Z, not \"" + n + "\"");
        }
    }

    static char[] password(Args a) throws UsageException {
        String var = a.one("--password-env");
        if (var == null) return null;
        String v = System.getenv(var);
        if (v == null) throw new UsageException("--password-env " + var + ": that environment variable is not set");
        return v.toCharArray();
    }

    static List<X509Certificate> certsOf(String file, String option) throws CertImportException, UsageException {
        CertificateSet s = CertImport.read(Path.of(file), null);
        if (s.certificates().isEmpty()) throw new UsageException(option + " " + file + ": no certificate in it");
        return s.certificates();
    }

    private static int check(Args a, PrintStream out, PrintStream err) throws UsageException, IOException {
        if (a.positional().size() != 1) throw new UsageException("check takes one project directory");
        Path dir = Path.of(a.positional().get(0));
        if (!Files.isDirectory(dir)) throw new UsageException(dir + " is not a directory");
        List<X509Certificate> ca = List.of();
        List<X509Certificate> chain = List.of();
        try {
            if (a.one("--ca") != null) ca = certsOf(a.one("--ca"), "--ca");
            if (a.one("--broker-chain") != null) chain = certsOf(a.one("--broker-chain"), "--broker-chain");
        } catch (CertImportException e) {
            err.println("netstep certs: " + e.getMessage());
            return 1;
        }
        CertArrayCheck.Report r = CertArrayCheck.scan(dir, new CertArrayCheck.Options(now(a), chain, ca));
        out.print(r.format());
        if (a.one("--write-fixed") != null) {
            Path fixed = Path.of(a.one("--write-fixed"));
            for (io.netstep.certs.scan.FoundArray f : r.arrays()) {
                java.util.Optional<CArrays> c = CertArrayCheck.corrected(f);
                if (c.isEmpty()) {
                    out.println(f.where() + ": " + f.name() + " cannot be rewritten: its content does not read (take it again from the original file)");
                    continue;
                }
                c.get().write(fixed);
                out.println(f.where() + ": " + f.name() + " rewritten as " + fixed.resolve(c.get().sourceName()) + " + " + c.get().headerName());
            }
        }
        return r.hasProblems() ? 1 : 0;
    }

    private static int toC(Args a, PrintStream out, PrintStream err) throws UsageException, IOException {
        if (a.positional().isEmpty()) throw new UsageException("to-c needs a certificate or key file");
        TlsLibrary lib = TlsLibrary.parse(a.one("--lib") == null ? "" : a.one("--lib"));
        if (lib == null) throw new UsageException("to-c needs --lib mbedtls or --lib wolfssl");
        String name = a.one("--name");
        if (name == null) throw new UsageException("to-c needs --name NAME (the C array name)");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new UsageException("--name \"" + name + "\" is not a C identifier");
        String fmt = a.one("--format") == null ? "pem" : a.one("--format");
        if (!fmt.equals("pem") && !fmt.equals("der")) throw new UsageException("--format is pem or der");
        CertificateSet set = null;
        char[] pw = password(a);
        try {
            for (String f : a.positional()) {
                CertificateSet s = CertImport.read(Path.of(f), pw);
                set = set == null ? s : set.plus(s);
            }
        } catch (CertImportException e) {
            err.println("netstep certs: " + e.getMessage());
            return 1;
        }
        CArrays c;
        try {
            c = CArrayWriter.toC(set, lib, fmt.equals("pem") ? CFormat.PEM : CFormat.DER, name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path dir = Path.of(a.one("--out") == null ? "." : a.one("--out"));
        c.write(dir);
        out.println("wrote " + dir.resolve(c.headerName()) + " and " + dir.resolve(c.sourceName()) + (c.secret() ? " (private key: mode 0600)" : ""));
        for (Finding f : set.notes()) out.println(f.format());
        return 0;
    }

    private static int makePki(Args a, PrintStream out, PrintStream err) throws UsageException, IOException {
        if (a.positional().size() != 1) throw new UsageException("make-pki takes one output directory");
        List<String> names = a.all("--server-name").isEmpty() ? TestPki.DEFAULT_SERVER_NAMES : a.all("--server-name");
        for (String n : names) if (!n.matches("[A-Za-z0-9.*:-]+")) throw new UsageException("\"" + n + "\" is not a host name or address");
        TestPkiMaker.Result r = TestPkiMaker.make(Path.of(a.positional().get(0)), names,
                a.flag("--rsa") ? TestPki.KeyType.RSA_2048 : TestPki.KeyType.EC_P256);
        out.println("CA, server and client certificates (" + r.pki().keyType() + ") in " + a.positional().get(0));
        out.println("  server names: " + String.join(", ", r.pki().serverNames()));
        List<Path> all = new ArrayList<>(List.of(r.pem().ca(), r.pem().serverCert(), r.pem().serverKey(), r.pem().clientCert(), r.pem().clientKey()));
        all.addAll(r.cFiles());
        for (Path p : all) out.println("  " + p);
        return 0;
    }
}
