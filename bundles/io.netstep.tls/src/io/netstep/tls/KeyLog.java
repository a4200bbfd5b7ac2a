package io.netstep.tls;

import io.netstep.tls.internal.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secrets from NSS key log lines ({@code LABEL <client_random hex> <secret hex>}), keyed by the
 * client random of the connection they belong to. Thread-safe: lines may arrive from the
 * firmware's {@code netstep_keylog} while a decoder reads. Secret values never appear in
 * {@link #toString()}, in {@link #problems()} or in any exception message.
 */
public final class KeyLog {
    /** TLS 1.2 master secret. */
    public static final String CLIENT_RANDOM = "CLIENT_RANDOM";
    public static final String CLIENT_HANDSHAKE_TRAFFIC_SECRET = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    public static final String SERVER_HANDSHAKE_TRAFFIC_SECRET = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    public static final String CLIENT_TRAFFIC_SECRET_0 = "CLIENT_TRAFFIC_SECRET_0";
    public static final String SERVER_TRAFFIC_SECRET_0 = "SERVER_TRAFFIC_SECRET_0";

    private static final Set<String> KNOWN_LABELS = Set.of(CLIENT_RANDOM, CLIENT_HANDSHAKE_TRAFFIC_SECRET,
            SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0,
            "CLIENT_EARLY_TRAFFIC_SECRET", "EARLY_EXPORTER_SECRET", "EXPORTER_SECRET");

    private final Map<String, Map<String, byte[]>> byClientRandom = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private int lineNumber;

    public static KeyLog parse(String text) {
        KeyLog log = new KeyLog();
        log.addLines(text);
        return log;
    }

    public static KeyLog load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public void addLines(String text) {
        for (String line : text.split("\r?\n")) {
            addLine(line);
        }
    }

    /**
     * Adds one line. Returns true when it gave a secret; blank lines and comments return false
     * silently, malformed lines are recorded in {@link #problems()} (without their secret).
     */
    public boolean addLine(String line) {
        List<Runnable> toNotify;
        synchronized (this) {
            lineNumber++;
            String t = line == null ? "" : line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                return false;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 3) {
                problems.add("line " + lineNumber + ": expected 'LABEL client_random secret', got " + parts.length
                        + " fields");
                return false;
            }
            String label = parts[0];
            if (!KNOWN_LABELS.contains(label)) {
                problems.add("line " + lineNumber + ": unknown label " + safeLabel(label));
                return false;
            }
            byte[] random = Hex.parse(parts[1]);
            byte[] secret = Hex.parse(parts[2]);
            if (random == null || random.length != 32) {
                problems.add("line " + lineNumber + ": client_random is not 32 bytes of hex");
                return false;
            }
            if (secret == null || secret.length == 0 || secret.length > 64) {
                problems.add("line " + lineNumber + ": " + label + " secret is not 1..64 bytes of hex");
                return false;
            }
            byClientRandom.computeIfAbsent(Hex.of(random), k -> new HashMap<>()).put(label, secret);
            toNotify = List.copyOf(listeners);
        }
        toNotify.forEach(Runnable::run);
        return true;
    }

    private static String safeLabel(String label) {
        return label.length() > 40 ? label.substring(0, 40) + "…" : label;
    }

    /** The secret for a label and client random, or null. Callers must not log it. */
    public synchronized byte[] secret(String label, byte[] clientRandom) {
        if (clientRandom == null) {
            return null;
        }
        Map<String, byte[]> m = byClientRandom.get(Hex.of(clientRandom));
        byte[] s = m == null ? null : m.get(label);
        return s == null ? null : s.clone();
    }

    /** True when any secret for this client random is known. */
    public synchronized boolean hasConnection(byte[] clientRandom) {
        return clientRandom != null && byClientRandom.containsKey(Hex.of(clientRandom));
    }

    /** Number of connections (client randoms) with at least one secret. */
    public synchronized int connectionCount() {
        return byClientRandom.size();
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Called (outside the lock) after each line that added a secret. */
    public synchronized void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public synchronized void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized String toString() {
        return "KeyLog[" + byClientRandom.size() + " connections, " + problems.size() + " problems]";
    }
}
