package io.netstep.preflight.cli;

import io.netstep.preflight.Preflight;
import io.netstep.preflight.PreflightReport;
import io.netstep.preflight.PreflightSettings;
import io.netstep.preflight.ProgressListener;
import io.netstep.preflight.Status;
import io.netstep.preflight.StepResult;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code netstep preflight}: the broker preflight headless. Prints each check as it ends and a
 * final verdict. Exit 0 when all checks pass, 1 when a check failed, 2 for bad usage. The
 * password and the key are never printed.
 */
public final class PreflightCommand {

    static final String USAGE = String.join("\n",
            "usage: netstep preflight --host H [--port P] [--tls|--no-tls] [--tls-version 1.2|1.3]",
            "                         [--sni NAME|--no-sni] [--ca FILE] [--cert FILE --key FILE]",
            "                         [--client-id ID] [--user U --password-file FILE] [--keepalive S]",
            "                         [--topic T] [--resolve IP] [--timeout SECONDS]",
            "  Checks the broker with the firmware's settings: DNS, TCP, TLS (chain, name, dates, SNI,",
            "  client certificate, largest handshake record), MQTT CONNECT/SUBSCRIBE/PUBLISH, keepalive.",
            "  --port        default 8883 with TLS, 1883 without",
            "  --sni NAME    the server_name to send and check the certificate against (default: the host)",
            "  --resolve IP  connect to IP instead of looking the host up (the host still names the broker)",
            "  --timeout S   longest wait for any answer (default 5)",
            "  exit: 0 all checks passed, 1 a check failed, 2 usage");

    private PreflightCommand() { }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        PreflightSettings s = new PreflightSettings();
        try {
            if (!parse(args, s, out)) return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("preflight: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Preflight p;
        try {
            p = new Preflight(s);
        } catch (IllegalArgumentException e) {
            err.println("preflight: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } finally {
            s.wipeSecrets();
        }
        out.println("preflight " + s);
        PreflightReport r = p.run(new ProgressListener() {
            @Override public void finished(StepResult step) {
                print(step, out);
            }
        });
        out.println(r.passed() ? "PREFLIGHT PASSED" + r.verdict().substring("PASSED".length()) : "PREFLIGHT " + r.verdict());
        if (r.largestRecordLength() > 0) {
            out.println("TLS input buffer: at least " + r.largestRecordLength() + " bytes (largest handshake record: " + r.largestRecordContent() + ")");
        }
        return r.passed() ? 0 : 1;
    }

    static void print(StepResult step, PrintStream out) {
        String tag = step.status() == Status.OK ? "  ok  " : step.status() == Status.WARNING ? " warn " : step.status() == Status.FAILED ? "FAILED" : " skip ";
        out.println("[" + tag + "] " + step.check().title() + ": " + step.summary());
        if (!step.cause().isEmpty() && !step.cause().equals(step.summary())) out.println("         why: " + step.cause());
        if (!step.fix().isEmpty()) out.println("         fix: " + step.fix());
    }

    /** Returns false when only the usage was asked for. */
    private static boolean parse(List<String> args, PreflightSettings s, PrintStream out) throws IOException {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h": case "--help":
                    out.println(USAGE);
                    return false;
                case "--host": s.host(value(args, ++i, a)); break;
                case "--port": s.port(number(value(args, ++i, a), a)); break;
                case "--tls": s.tls(true); break;
                case "--no-tls": s.tls(false); break;
                case "--tls-version": s.tlsVersion(PreflightSettings.TlsVersion.parse(value(args, ++i, a))); break;
                case "--sni": s.sni(true).sniName(value(args, ++i, a)); break;
                case "--no-sni": s.sni(false); break;
                case "--ca": s.caFile(Path.of(value(args, ++i, a))); break;
                case "--cert": s.clientCertificateFile(Path.of(value(args, ++i, a))); break;
                case "--key": s.clientKeyFile(Path.of(value(args, ++i, a))); break;
                case "--client-id": s.clientId(value(args, ++i, a)); break;
                case "--user": s.username(value(args, ++i, a)); break;
                case "--password-file": s.password(password(Path.of(value(args, ++i, a)))); break;
                case "--keepalive": s.keepAliveSeconds(number(value(args, ++i, a), a)); break;
                case "--topic": s.testTopic(value(args, ++i, a)); break;
                case "--resolve": s.address(address(value(args, ++i, a))); break;
                case "--timeout": {
                    int t = number(value(args, ++i, a), a);
                    if (t < 1 || t > 600) throw new IllegalArgumentException("--timeout must be 1..600 seconds");
                    s.connectTimeoutMillis(t * 1000).ioTimeoutMillis(t * 1000);
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (s.host() == null) throw new IllegalArgumentException("--host is required");
        return true;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + v + "'");
        }
    }

    private static InetAddress address(String v) {
        if (!v.matches("[0-9.]+") && !v.contains(":")) throw new IllegalArgumentException("--resolve needs an IP address, not '" + v + "'");
        try {
            return InetAddress.getByName(v);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resolve: '" + v + "' is not an IP address");
        }
    }

    /** The first line of the file, without its line end (what `echo secret > file` writes). */
    private static char[] password(Path f) throws IOException {
        if (!Files.isRegularFile(f)) throw new IOException("password file " + f + " does not exist or is not a file");
        byte[] raw = Files.readAllBytes(f);
        try {
            String text = new String(raw, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            return line.toCharArray();
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
