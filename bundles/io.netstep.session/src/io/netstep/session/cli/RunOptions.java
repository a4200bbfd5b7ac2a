package io.netstep.session.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code netstep run} / {@code netstep demo}, parsed. */
final class RunOptions {

    String broker;
    final List<String> maps = new ArrayList<>();
    final List<String> faults = new ArrayList<>();
    Path record;
    Path saveSession;
    Path exportPcapng;
    boolean tcp;
    long timeoutSeconds;
    boolean spi;
    boolean allowExternal;
    String cloud;
    String cloudEndpoint;
    Path cloudPolicy;
    Path cloudCerts;
    /** The firmware's source folder: F6 then checks its certificate arrays. */
    Path project;
    final List<String> firmware = new ArrayList<>();

    static final String USAGE = String.join("\n",
            "usage: netstep run [options] -- <firmware> [args...]",
            "       netstep demo [options]",
            "",
            "Runs host-built firmware against a virtual W5500 and prints what happened.",
            "",
            "options:",
            "  --broker HOST:PORT    where the firmware's broker goes: every destination not mapped",
            "                        otherwise (names it resolves, addresses it connects to)",
            "  --map NAME=HOST:PORT  send NAME (or NAME:PORT, *.pattern, an IPv4 address) to HOST:PORT;",
            "                        repeatable",
            "  --fault SPEC          inject a network fault (see the net bundle's Fault syntax); repeatable",
            "  --record FILE         write the event log as JSON lines (one event per line)",
            "  --save-session FILE   write the session file (events + TLS key log) as the session runs",
            "  --export-pcapng FILE  write the session as pcapng (Ethernet/IPv4/TCP/UDP as the firmware",
            "                        saw it) with the TLS key log embedded for Wireshark/tshark",
            "  --tcp                 bridge over TCP 127.0.0.1 with a token instead of a Unix socket",
            "  --timeout SECONDS     kill the firmware after this many (real) seconds and fail",
            "  --project DIR         the firmware's source folder: the diagnosis checks its certificate",
            "                        and key arrays (F6) against what the handshake showed",
            "  --spi                 show every SPI frame in the timeline, by block and register",
            "  --allow-external      let unmapped destinations reach hosts beyond this machine",
            "  --cloud aws-iot[:THING]  emulate AWS IoT Core on 127.0.0.1 (TLS, SNI, X.509 thing",
            "                        certificate, IoT policy) in front of an embedded broker; the",
            "                        endpoint name and *.iot.*.amazonaws.com:8883 go to it (run only)",
            "  --cloud-endpoint NAME the endpoint name (default a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com)",
            "  --cloud-policy FILE   the IoT policy JSON attached to the thing's certificate",
            "                        (default: the thing-scoped policy: THING/* and $aws/things/THING/*)",
            "  --cloud-certs DIR     write AmazonRootCA1.pem, THING.cert.pem, THING.private.key there",
            "                        for the firmware (default: a private temp dir removed afterwards)",
            "",
            "exit status: the firmware's when it failed; 1 when it exited 0 but no socket ever",
            "reached ESTABLISHED; 124 on timeout; 127 when it cannot be started; 64 for bad usage.");

    /** Parses {@code args}; {@code needFirmware}: a {@code -- <firmware>} part is required. */
    static RunOptions parse(List<String> args, boolean needFirmware) {
        RunOptions o = new RunOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--" -> {
                    o.firmware.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                case "--broker" -> o.broker = value(args, ++i, a);
                case "--map" -> o.maps.add(value(args, ++i, a));
                case "--fault" -> o.faults.add(value(args, ++i, a));
                case "--record" -> o.record = Path.of(value(args, ++i, a));
                case "--save-session" -> o.saveSession = Path.of(value(args, ++i, a));
                case "--export-pcapng" -> o.exportPcapng = Path.of(value(args, ++i, a));
                case "--project" -> o.project = projectDir(value(args, ++i, a));
                case "--tcp" -> o.tcp = true;
                case "--spi" -> o.spi = true;
                case "--allow-external" -> o.allowExternal = true;
                case "--cloud" -> o.cloud = value(args, ++i, a);
                case "--cloud-endpoint" -> o.cloudEndpoint = value(args, ++i, a);
                case "--cloud-policy" -> o.cloudPolicy = Path.of(value(args, ++i, a));
                case "--cloud-certs" -> o.cloudCerts = Path.of(value(args, ++i, a));
                case "--timeout" -> {
                    String v = value(args, ++i, a);
                    try {
                        o.timeoutSeconds = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--timeout wants whole seconds, got '" + v + "'");
                    }
                    if (o.timeoutSeconds <= 0) {
                        throw new UsageException("--timeout must be positive, got " + v);
                    }
                }
                default -> throw new UsageException(a.startsWith("-")
                        ? "unknown option " + a
                        : "unexpected '" + a + "': put the firmware after '--'");
            }
        }
        if (o.cloud == null && (o.cloudEndpoint != null || o.cloudPolicy != null || o.cloudCerts != null)) {
            throw new UsageException("--cloud-endpoint, --cloud-policy and --cloud-certs need --cloud aws-iot[:THING]");
        }
        if (!needFirmware && o.cloud != null) {
            throw new UsageException("--cloud is for netstep run");
        }
        if (needFirmware && o.firmware.isEmpty()) {
            throw new UsageException("no firmware given: netstep run [options] -- <firmware> [args]");
        }
        if (!needFirmware && !o.firmware.isEmpty()) {
            throw new UsageException("demo runs the reference firmware itself; do not give one");
        }
        return o;
    }

    /** A source folder that exists (a typo would silently turn the check off). */
    static Path projectDir(String v) {
        Path p = Path.of(v);
        if (!java.nio.file.Files.isDirectory(p)) {
            throw new UsageException("--project: " + v + " is not a directory");
        }
        return p.toAbsolutePath();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).equals("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Bad command line; the message says what. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
