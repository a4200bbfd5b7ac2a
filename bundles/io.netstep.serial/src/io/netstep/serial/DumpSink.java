package io.netstep.serial;

import io.netstep.mqtt.Direction;
import io.netstep.serial.Dump.Target;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogEvent.Source;
import io.netstep.serial.SerialLogParser.ConnState;

/** Puts the bytes of a finished dump where they belong: a wire stream, a plaintext stream, or nowhere. */
final class DumpSink {

    private static final int APPLICATION_DATA = 23;

    private final SerialLogParser p;

    DumpSink(SerialLogParser p) {
        this.p = p;
    }

    void accept(Dump d) {
        byte[] b = d.bytes.toByteArray();
        LogConnection c = d.connection;
        Source source = d.target == Target.SOCKET_IN || d.target == Target.SOCKET_OUT ? Source.APPLICATION
                : d.target == Target.UNATTRIBUTED ? Source.WOLFSSL : Source.MBEDTLS;
        if ((d.target == Target.WIRE_OUT || d.target == Target.SOCKET_OUT) && isClientHello(b)) {
            c = p.clientHello(d.header, true);
        }
        p.event(d.header, source, Kind.DUMP, d.label, d.target.name().toLowerCase(), (long) d.announced, d.direction(), c);
        ConnState s = p.state(c);
        switch (d.target) {
            case WIRE_OUT, SOCKET_OUT -> {
                if (b.length > 0) {
                    resolvePendingOut(c, b[0] & 0xFF);
                }
                wire(c, s, Direction.CLIENT_TO_SERVER, d, b, 0);
            }
            case WIRE_IN_HEADER -> {
                if (wire(c, s, Direction.SERVER_TO_CLIENT, d, b, 0) && b.length == 5) {
                    s.pendingHeader = b;
                }
                if (b.length > 0) {
                    s.lastInType = b[0] & 0xFF;
                }
            }
            case WIRE_IN -> {
                int from = 0;
                if (s.pendingHeader != null && startsWith(b, s.pendingHeader)) {
                    from = s.pendingHeader.length;
                }
                s.pendingHeader = null;
                wire(c, s, Direction.SERVER_TO_CLIENT, d, b, from);
                if (b.length > 0) {
                    s.lastInType = b[0] & 0xFF;
                }
            }
            case SOCKET_IN -> wire(c, s, Direction.SERVER_TO_CLIENT, d, b, 0);
            case PLAIN_IN -> {
                if (s.lastInType == APPLICATION_DATA) {
                    plain(c, Direction.SERVER_TO_CLIENT, d, b);
                } else if (s.lastInType < 0) {
                    p.problem(d.startLine, "decrypted payload of a record whose type the log does not show: "
                            + "not used as application data", "");
                }
            }
            case PLAIN_OUT -> {
                flushPendingOut(c, d.startLine);
                s.pendingOut = d;
            }
            default -> {
                // label and size only, except the two values that make a TLS 1.2 key log
                if (d.label.equals("client hello, random bytes") && b.length == 32 && d.missing == 0) {
                    c.clientRandom(b);
                } else if (d.label.equals("master secret") && b.length == 48 && d.missing == 0) {
                    c.masterSecret(b);
                }
            }
        }
    }

    /** The output record that carries the waiting payload was written: now its type is known. */
    void resolvePendingOut(LogConnection c, int type) {
        ConnState s = p.state(c);
        Dump d = s.pendingOut;
        s.pendingOut = null;
        if (d != null && type == APPLICATION_DATA) {
            plain(c, Direction.CLIENT_TO_SERVER, d, d.bytes.toByteArray());
        }
    }

    /** A payload whose record never showed: application data if it was written by mbedtls_ssl_write. */
    void flushPendingOut(LogConnection c, int line) {
        ConnState s = p.state(c);
        Dump d = s.pendingOut;
        s.pendingOut = null;
        if (d == null) {
            return;
        }
        if (s.inWrite) {
            plain(c, Direction.CLIENT_TO_SERVER, d, d.bytes.toByteArray());
        } else {
            p.problem(d.startLine, "payload before encryption whose record type the log does not show: "
                    + "not used as application data", "");
        }
    }

    private boolean wire(LogConnection c, ConnState s, Direction dir, Dump d, byte[] b, int from) {
        Target kind = d.target == Target.SOCKET_IN || d.target == Target.SOCKET_OUT ? Target.SOCKET_IN : Target.WIRE_IN;
        Target have = s.wireSource.putIfAbsent(dir, kind);
        if (have != null && have != kind) {
            if (!s.mixedReported) {
                s.mixedReported = true;
                p.problem(d.startLine, "the log dumps network bytes twice (TLS record dumps and socket dumps): "
                        + "only the " + (have == Target.SOCKET_IN ? "socket" : "record") + " dumps are used", "");
            }
            return false;
        }
        append(c.wire(dir), d, b, from);
        c.touch(d.lastLine);
        return true;
    }

    private void plain(LogConnection c, Direction dir, Dump d, byte[] b) {
        append(c.plaintext(dir), d, b, 0);
        c.touch(d.lastLine);
    }

    private static void append(ByteStream stream, Dump d, byte[] b, int from) {
        int gap = 0;
        for (int i = from; i < b.length; i++) {
            while (gap < d.gaps.size() && d.gaps.get(gap)[0] == i) {
                stream.gap(d.gaps.get(gap)[1], d.lines[i], "dump '" + d.label + "' of line " + d.startLine
                        + " skips " + d.gaps.get(gap)[1] + " bytes");
                gap++;
            }
            stream.append(b[i], d.lines[i]);
        }
        int shown = b.length + d.missing;
        if (d.announced > shown) {
            stream.gap(d.announced - shown, d.lastLine, "dump '" + d.label + "' of line " + d.startLine + " shows "
                    + b.length + " of " + d.announced + " bytes");
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A handshake record whose first message is a ClientHello. */
    static boolean isClientHello(byte[] b) {
        return b.length > 5 && b[0] == 22 && b[1] == 3 && b[5] == 1;
    }
}
