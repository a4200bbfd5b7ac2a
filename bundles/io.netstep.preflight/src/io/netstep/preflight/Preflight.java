package io.netstep.preflight;

import com.hivemq.client.mqtt.datatypes.MqttQos;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Checks a broker with the firmware's own settings, step by step ({@link Check}), and says in
 * plain words what works and what does not, with the fix. Blocking; every wait is bounded by
 * the settings' timeouts, so a run ends within a few times {@code ioTimeoutMillis}.
 *
 * <pre>
 * Preflight p = new Preflight(settings);            // IllegalArgumentException: settings unusable
 * PreflightReport r = p.run(listener);              // on a worker thread; p.cancel() from any thread
 * </pre>
 *
 * The MQTT checks connect with the configured client ID: a device online with the same ID is
 * disconnected by the broker meanwhile (F12).
 */
public final class Preflight {

    private final PreflightSettings settings;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final Map<Check, StepResult> results = new EnumMap<>(Check.class);
    private volatile boolean cancelled;
    private volatile boolean started;
    private ProgressListener listener = ProgressListener.NONE;
    private Check firstFailure;
    private Credentials cred;
    private InetAddress ip;
    private TlsChecks tls;

    /** @throws IllegalArgumentException naming every problem when the settings cannot be tried */
    public Preflight(PreflightSettings settings) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        this.settings = settings.copy();
    }

    /** Runs all checks with {@code settings}; see {@link #run(ProgressListener)}. */
    public static PreflightReport run(PreflightSettings settings, ProgressListener listener) {
        return new Preflight(settings).run(listener);
    }

    /** Stops the run from any thread: open connections are closed, the remaining checks are SKIPPED. */
    public void cancel() {
        cancelled = true;
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // closing is all a cancel can do
            }
        }
    }

    /** Runs the checks once (a Preflight is single-use). Never throws for what the broker does. */
    public synchronized PreflightReport run(ProgressListener progress) {
        if (started) throw new IllegalStateException("a Preflight runs once: make a new one");
        started = true;
        this.listener = progress == null ? ProgressListener.NONE : progress;
        try {
            step(Check.LOCAL_FILES, this::localFiles);
            step(Check.DNS, this::dns);
            step(Check.TCP_CONNECT, this::tcp);
            if (settings.tls()) {
                tlsChecks();
            } else {
                for (Check c : Check.values()) if (c.isTls()) report(StepResult.skipped(c, "TLS is off"));
            }
            mqttChecks();
        } finally {
            settings.wipeSecrets();
        }
        List<StepResult> steps = new ArrayList<>();
        for (Check c : Check.values()) {
            if (!results.containsKey(c)) report(StepResult.skipped(c, cancelled ? "cancelled" : "not tried"));
            steps.add(results.get(c));
        }
        TlsProbe.Result best = tls == null ? null : tls.best;
        TlsProbe.ServerRecord big = best == null ? null : best.largestRecord();
        return new PreflightReport(settings.toString(), steps, cancelled, best == null ? null : best.protocol,
                best == null ? null : best.cipherSuite, best == null ? List.of() : best.serverChain,
                big == null ? -1 : big.length, big == null ? null : TlsChecks.content(big));
    }

    private boolean blocked() {
        return cancelled || firstFailure != null;
    }

    /** Runs one check unless the run is cancelled or an earlier check failed. */
    private void step(Check c, Supplier<StepResult> body) {
        if (cancelled) {
            report(StepResult.skipped(c, "cancelled"));
            return;
        }
        if (firstFailure != null) {
            report(StepResult.skipped(c, "not tried: " + firstFailure.title() + " failed"));
            return;
        }
        safely(() -> listener.started(c));
        long t0 = System.nanoTime();
        StepResult r;
        try {
            r = body.get();
        } catch (RuntimeException e) {
            r = StepResult.failed(c, "internal error: " + e, "the preflight itself failed here: " + e, "report this as a NetStep bug");
        }
        if (cancelled && r.status() == Status.FAILED) r = StepResult.skipped(c, "cancelled");
        report(r.took((System.nanoTime() - t0) / 1_000_000));
    }

    private void report(StepResult r) {
        results.put(r.check(), r);
        if (r.status() == Status.FAILED && firstFailure == null) firstFailure = r.check();
        safely(() -> listener.finished(r));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a listener's bug must not stop the checks
        }
    }

    private StepResult localFiles() {
        try {
            cred = Credentials.load(settings);
        } catch (Credentials.Problem p) {
            return StepResult.failed(Check.LOCAL_FILES, p.getMessage(), p.getMessage(), p.fix);
        }
        List<String> what = new ArrayList<>();
        if (!cred.ca.isEmpty()) what.add(cred.ca.size() + " CA certificate" + (cred.ca.size() == 1 ? "" : "s"));
        if (cred.hasClientCertificate()) what.add("client certificate " + cred.clientChain.get(0).getSubjectX500Principal().getName() + " with its key");
        return StepResult.ok(Check.LOCAL_FILES, what.isEmpty() ? "none given" : String.join(", ", what));
    }

    private StepResult dns() {
        if (settings.address() != null) {
            ip = settings.address();
            return StepResult.ok(Check.DNS, "not looked up: using the given address " + ip.getHostAddress());
        }
        String host = settings.host();
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
        InetAddress[] all;
        try {
            all = lookup.get(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return StepResult.failed(Check.DNS, "no DNS answer for " + host + " within " + settings.connectTimeoutMillis() + " ms",
                    "the PC's DNS does not answer", "check the PC's network; the firmware needs a reachable DNS server too (F5)");
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return StepResult.failed(Check.DNS, host + " does not resolve",
                    "the name " + host + " is unknown to DNS (a typo? a private name the PC does not know?)",
                    "check the spelling of the broker's name; the firmware must resolve it too (ioLibrary DNS client, F5)");
        }
        ip = Arrays.stream(all).filter(a -> a instanceof Inet4Address).findFirst().orElse(null);
        if (ip == null) {
            return StepResult.failed(Check.DNS, host + " has IPv6 addresses only",
                    "the W5500 speaks IPv4 only and " + host + " has no IPv4 address", "use a broker name with an A record");
        }
        return StepResult.ok(Check.DNS, host + " -> " + ip.getHostAddress() + (all.length > 1 ? " (" + all.length + " addresses, the first IPv4 one used)" : ""));
    }

    private StepResult tcp() {
        String where = settings.host() + ":" + settings.port() + (ip.getHostAddress().equals(settings.host()) ? "" : " (" + ip.getHostAddress() + ")");
        try (Socket s = new Socket()) {
            open.add(s);
            s.connect(new InetSocketAddress(ip, settings.port()), settings.connectTimeoutMillis());
            s.setSoLinger(true, 0);
            return StepResult.ok(Check.TCP_CONNECT, where + " accepts connections");
        } catch (ConnectException e) {
            return StepResult.failed(Check.TCP_CONNECT, "connection refused by " + where,
                    "nothing listens on " + where + " — wrong port? (the host answered with a reset)",
                    "check the port: MQTT over TLS is usually 8883, plain MQTT 1883; check the broker runs");
        } catch (SocketTimeoutException e) {
            return StepResult.failed(Check.TCP_CONNECT, "no answer from " + where + " within " + settings.connectTimeoutMillis() + " ms",
                    "the connection attempt timed out: a firewall drops the packets, or the host is unreachable (F15)",
                    "check the address and port, and firewalls between the device's network and the broker");
        } catch (NoRouteToHostException e) {
            return StepResult.failed(Check.TCP_CONNECT, "no route to " + where, "the host is unreachable from here: " + e.getMessage(),
                    "check the address and the network");
        } catch (IOException e) {
            return StepResult.failed(Check.TCP_CONNECT, "cannot connect to " + where + ": " + e.getMessage(), "connect failed: " + e.getMessage(),
                    "check the address and port");
        } finally {
            open.removeIf(c -> c instanceof Socket && ((Socket) c).isClosed());
        }
    }

    private void tlsChecks() {
        if (blocked()) {
            for (Check c : Check.values()) if (c.isTls()) step(c, () -> null);
            return;
        }
        safely(() -> listener.started(Check.TLS_HANDSHAKE));
        long t0 = System.nanoTime();
        InetSocketAddress target = new InetSocketAddress(ip, settings.port());
        TlsProbe.Result first = probe(target, settings.effectiveSniName());
        TlsProbe.Result retry = null;
        String retryName = TlsChecks.retryName(settings);
        if (!cancelled && first.outcome != TlsProbe.Outcome.COMPLETED && !first.sawServerHello() && retryName != null) {
            retry = probe(target, retryName);
        }
        tls = new TlsChecks(settings, cred, first, retry);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<Check, StepResult> derived = tls.results();
        for (Check c : Check.values()) {
            if (!c.isTls()) continue;
            if (c != Check.TLS_HANDSHAKE) safely(() -> listener.started(c));
            StepResult r = derived.get(c);
            if (cancelled) r = StepResult.skipped(c, "cancelled");
            report(c == Check.TLS_HANDSHAKE ? r.took(ms) : r);
        }
    }

    private TlsProbe.Result probe(InetSocketAddress target, String sni) {
        Closeable[] mine = new Closeable[1];
        try {
            return new TlsProbe(target, settings.tlsVersion().jsseName(), sni, cred.keyManager(), settings.connectTimeoutMillis(),
                    settings.ioTimeoutMillis(), c -> {
                        mine[0] = c;
                        open.add(c);
                        if (cancelled) cancel();
                    }).run();
        } finally {
            if (mine[0] != null) open.remove(mine[0]);
        }
    }

    private void mqttChecks() {
        if (blocked()) {
            for (Check c : List.of(Check.MQTT_CONNECT, Check.MQTT_SUBSCRIBE, Check.MQTT_PUBLISH_QOS0, Check.MQTT_PUBLISH_QOS1, Check.KEEPALIVE)) {
                step(c, () -> null);
            }
            return;
        }
        MqttChecks[] mqtt = new MqttChecks[1];
        try {
            step(Check.MQTT_CONNECT, () -> {
                mqtt[0] = new MqttChecks(settings, ip, cred, settings.tls() ? tls.best.serverChain.get(0) : null, open::add);
                if (cancelled) cancel();
                return mqtt[0].connect();
            });
            step(Check.MQTT_SUBSCRIBE, () -> mqtt[0].subscribe());
            step(Check.MQTT_PUBLISH_QOS0, () -> mqtt[0].publish(Check.MQTT_PUBLISH_QOS0, MqttQos.AT_MOST_ONCE));
            step(Check.MQTT_PUBLISH_QOS1, () -> mqtt[0].publish(Check.MQTT_PUBLISH_QOS1, MqttQos.AT_LEAST_ONCE));
            step(Check.KEEPALIVE, () -> mqtt[0].keepAlive());
        } finally {
            if (mqtt[0] != null) {
                open.remove(mqtt[0]);
                mqtt[0].close();
            }
        }
    }
}
