package io.netstep.serial;

import io.netstep.mqtt.Direction;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A hex dump being read: its label, what it is for, the bytes so far and their lines. */
final class Dump {

    /** What the bytes of a dump are for. */
    enum Target {
        /** mbedTLS 'output record sent to network'. */
        WIRE_OUT,
        /** mbedTLS 'input record header' (the header alone, dumped before the body is fetched). */
        WIRE_IN_HEADER,
        /** mbedTLS 'input record from network'. */
        WIRE_IN,
        /** Decrypted payload of an input record. */
        PLAIN_IN,
        /** Payload of an output record before encryption. */
        PLAIN_OUT,
        /** A glue's raw socket send / receive dump. */
        SOCKET_OUT,
        SOCKET_IN,
        /** Any other dump: only its label and size are kept (it may hold secrets). */
        OTHER,
        /** A big number ({@code value of 'X' (N bits) is:}): read and dropped. */
        NUMBER,
        /** A wolfSSL buffer dump whose direction the log does not say. */
        UNATTRIBUTED
    }

    final String label;
    final Target target;
    final int announced;
    /** mbedTLS lines carry offsets; bare lines do not. */
    final boolean addressed;
    final int startLine;
    final LogConnection connection;
    final String context;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] lines = new int[16];
    /** Bytes the dump's offsets skipped: {position in {@link #bytes}, count}. */
    final List<int[]> gaps = new ArrayList<>();
    int missing;
    int foreignLines;
    int lastLine;
    final CleanLine header;

    Dump(CleanLine header, String label, Target target, int announced, boolean addressed, LogConnection connection) {
        this.header = header;
        this.label = label;
        this.target = target;
        this.announced = announced;
        this.addressed = addressed;
        this.startLine = header.number();
        this.lastLine = startLine;
        this.connection = connection;
        this.context = header.context();
    }

    int size() {
        return bytes.size();
    }

    boolean complete() {
        return announced >= 0 && bytes.size() + missing >= announced;
    }

    /** The dump's offsets jumped: {@code count} bytes are missing here. */
    void skip(int count) {
        gaps.add(new int[] {bytes.size(), count});
        missing += count;
    }

    /** The offset the next dump line should have. */
    int nextOffset() {
        return bytes.size() + missing;
    }

    /** Adds at most what the header announced; returns how many bytes were beyond it. */
    int add(byte[] b, int line) {
        int take = announced < 0 ? b.length : Math.min(b.length, announced - bytes.size() - missing);
        take = Math.max(0, take);
        if (lines.length < bytes.size() + take) {
            lines = Arrays.copyOf(lines, Math.max(lines.length * 2, bytes.size() + take));
        }
        for (int i = 0; i < take; i++) {
            lines[bytes.size()] = line;
            bytes.write(b[i]);
        }
        lastLine = line;
        return b.length - take;
    }

    Direction direction() {
        return switch (target) {
            case WIRE_OUT, PLAIN_OUT, SOCKET_OUT -> Direction.CLIENT_TO_SERVER;
            case WIRE_IN_HEADER, WIRE_IN, PLAIN_IN, SOCKET_IN -> Direction.SERVER_TO_CLIENT;
            default -> null;
        };
    }

    static Target targetOf(String label) {
        String l = label.toLowerCase();
        if (l.equals("output record sent to network")) {
            return Target.WIRE_OUT;
        }
        if (l.equals("input record header")) {
            return Target.WIRE_IN_HEADER;
        }
        if (l.equals("input record from network")) {
            return Target.WIRE_IN;
        }
        if (l.equals("input payload after decrypt") || l.equals("input record after decrypt")) {
            return Target.PLAIN_IN;
        }
        if (l.equals("before encrypt: output payload")) {
            return Target.PLAIN_OUT;
        }
        return Target.OTHER;
    }
}
