package io.netstep.serial;

import io.netstep.mqtt.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One TLS connection of a log. Wire streams hold the network bytes the log dumped (mbedTLS
 * level 4 record dumps, or a glue's raw send/receive dumps); plaintext streams hold the
 * decrypted application data the library dumped, so MQTT decodes even without keys.
 */
public final class LogConnection {

    private final int index;
    private final String context;
    private final int firstLine;
    private int lastLine;
    private final Map<Direction, ByteStream> wire = new EnumMap<>(Direction.class);
    private final Map<Direction, ByteStream> plaintext = new EnumMap<>(Direction.class);
    private final List<LogEvent> events = new ArrayList<>();
    /** From mbedTLS level-3 dumps; kept in memory only, never printed. */
    private byte[] clientRandom;
    private byte[] masterSecret;

    LogConnection(int index, String context, int firstLine) {
        this.index = index;
        this.context = context;
        this.firstLine = firstLine;
        this.lastLine = firstLine;
        for (Direction d : Direction.values()) {
            wire.put(d, new ByteStream());
            plaintext.put(d, new ByteStream());
        }
    }

    public int index() {
        return index;
    }

    /** The TLS context the library names in its lines (mbedTLS {@code 0x...:} prefix), or null. */
    public String context() {
        return context;
    }

    public int firstLine() {
        return firstLine;
    }

    public int lastLine() {
        return lastLine;
    }

    public ByteStream wire(Direction d) {
        return wire.get(d);
    }

    public ByteStream plaintext(Direction d) {
        return plaintext.get(d);
    }

    public List<LogEvent> events() {
        return Collections.unmodifiableList(events);
    }

    void add(LogEvent e) {
        events.add(e);
        touch(e.line());
    }

    void clientRandom(byte[] r) {
        clientRandom = r;
    }

    void masterSecret(byte[] s) {
        masterSecret = s;
    }

    /** True when the log dumped this connection's client random and master secret (mbedTLS debug level 3 and up). */
    public boolean hasSecrets() {
        return clientRandom != null && masterSecret != null;
    }

    /** The NSS key log line of this connection, or null. A secret: callers must not log it. */
    String keyLogLine() {
        return hasSecrets() ? "CLIENT_RANDOM " + hex(clientRandom) + " " + hex(masterSecret) : null;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    void sortEvents() {
        events.sort(java.util.Comparator.comparingInt(LogEvent::line));
    }

    void touch(int line) {
        lastLine = Math.max(lastLine, line);
    }

    boolean hasEvent(String name) {
        for (LogEvent e : events) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "connection " + index + " (lines " + firstLine + "-" + lastLine + ", c2s " + wire(Direction.CLIENT_TO_SERVER).length()
                + " / s2c " + wire(Direction.SERVER_TO_CLIENT).length() + " wire bytes)";
    }
}
