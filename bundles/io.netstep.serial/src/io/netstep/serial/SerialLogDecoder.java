package io.netstep.serial;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttStreamDecoder;
import io.netstep.mqtt.MqttViolation;
import io.netstep.tls.ApplicationData;
import io.netstep.tls.ByteRange;
import io.netstep.tls.ByteSpace;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import io.netstep.tls.TlsProblem;
import io.netstep.tls.TlsRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the TLS decoder over the wire streams of a {@link SerialLog} and the MQTT decoder over
 * its decrypted application data (or over the wire when the connection is plain MQTT), and
 * maps what they find back to log lines.
 */
public final class SerialLogDecoder {

    /** A TLS record, handshake message, alert or problem, with the log lines of its bytes (-1 when unknown). */
    public record Tls(int connection, TlsEvent event, int firstLine, int lastLine) {
    }

    /** An MQTT packet with the log lines of its bytes. */
    public record Mqtt(int connection, MqttPacket packet, int firstLine, int lastLine) {
    }

    /** What the decoders found in a log. */
    public record Result(List<Tls> tls, List<Mqtt> mqtt, List<LogProblem> problems) {

        /** TLS events of one type name ("ClientHello", "Certificate", "Alert", "Problem"...). */
        public List<Tls> tls(String type) {
            List<Tls> out = new ArrayList<>();
            for (Tls t : tls) {
                if (t.event().type().equals(type)) {
                    out.add(t);
                }
            }
            return out;
        }
    }

    private SerialLogDecoder() {
    }

    /** Decodes with the secrets the log itself dumped, if any ({@link SerialLog#keyLog()}). */
    public static Result decode(SerialLog log) {
        return decode(log, log.keyLog());
    }

    /** @param keyLog secrets to decrypt the wire records with, or null */
    public static Result decode(SerialLog log, KeyLog keyLog) {
        List<Tls> tls = new ArrayList<>();
        List<Mqtt> mqtt = new ArrayList<>();
        List<LogProblem> problems = new ArrayList<>();
        for (LogConnection c : log.connections()) {
            ByteStream c2s = c.wire(Direction.CLIENT_TO_SERVER);
            ByteStream s2c = c.wire(Direction.SERVER_TO_CLIENT);
            boolean plainMqtt = c2s.length() > 0 && c2s.bytes(0, 1)[0] == 0x10; // CONNECT: no TLS on this connection
            if (plainMqtt) {
                mqtt(c, c2s, s2c, mqtt, problems);
                continue;
            }
            int before = tls.size();
            if (c2s.length() > 0 || s2c.length() > 0) {
                tls(c, keyLog, tls, problems);
            }
            ByteStream p1 = c.plaintext(Direction.CLIENT_TO_SERVER);
            ByteStream p2 = c.plaintext(Direction.SERVER_TO_CLIENT);
            if (p1.length() == 0 && p2.length() == 0) {
                // no plaintext dumps: use what the TLS decoder decrypted with the key log
                p1 = new ByteStream();
                p2 = new ByteStream();
                for (Tls t : tls.subList(before, tls.size())) {
                    if (t.event() instanceof ApplicationData ad && ad.isDecrypted()) {
                        ByteStream to = ad.direction() == io.netstep.tls.Direction.CLIENT_TO_SERVER ? p1 : p2;
                        for (byte x : ad.plaintext()) {
                            to.append(x, t.firstLine());
                        }
                    }
                }
            }
            if (p1.length() > 0 || p2.length() > 0) {
                mqtt(c, p1, p2, mqtt, problems);
            }
        }
        return new Result(Collections.unmodifiableList(tls), Collections.unmodifiableList(mqtt),
                Collections.unmodifiableList(problems));
    }

    private static void tls(LogConnection c, KeyLog keyLog, List<Tls> out, List<LogProblem> problems) {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        if (keyLog != null) {
            d.setKeyLog(keyLog);
        }
        int[][] lastRecord = {{-1, -1}, {-1, -1}};
        d.setListener(e -> {
            int[] l = lines(c, e);
            int dir = e.direction().ordinal();
            if (e instanceof TlsRecord) {
                lastRecord[dir] = l;
            } else if (l[0] < 0 && !(e instanceof TlsProblem)) {
                l = lastRecord[dir]; // decrypted content: the lines of the record that carried it
            }
            out.add(new Tls(c.index(), e, l[0], l[1]));
        });
        ByteStream a = c.wire(Direction.CLIENT_TO_SERVER);
        ByteStream b = c.wire(Direction.SERVER_TO_CLIENT);
        gaps(c, a, "client-to-server", problems);
        gaps(c, b, "server-to-client", problems);
        interleave(a, b, (toServer, bytes) -> d.feed(toServer ? io.netstep.tls.Direction.CLIENT_TO_SERVER
                : io.netstep.tls.Direction.SERVER_TO_CLIENT, bytes));
        d.finish();
    }

    private static int[] lines(LogConnection c, TlsEvent e) {
        ByteStream s = c.wire(e.direction() == io.netstep.tls.Direction.CLIENT_TO_SERVER ? Direction.CLIENT_TO_SERVER
                : Direction.SERVER_TO_CLIENT);
        if (e instanceof TlsProblem p && p.wireOffset() >= 0) {
            int line = s.lineAt(Math.min(p.wireOffset(), s.length() - 1L));
            return new int[] {line, s.lineAt(s.length() - 1L)};
        }
        int first = -1;
        int last = -1;
        for (ByteRange r : e.fields().ranges()) {
            if (r.space() != ByteSpace.WIRE) {
                continue;
            }
            int[] l = s.linesOf(r.offset(), r.length());
            if (l[0] >= 0) {
                first = first < 0 ? l[0] : Math.min(first, l[0]);
                last = Math.max(last, l[1]);
            }
        }
        return new int[] {first, last};
    }

    private static void mqtt(LogConnection c, ByteStream toServer, ByteStream toClient, List<Mqtt> out,
            List<LogProblem> problems) {
        MqttConnection m = new MqttConnection();
        MqttStreamDecoder up = m.decoder(Direction.CLIENT_TO_SERVER);
        MqttStreamDecoder down = m.decoder(Direction.SERVER_TO_CLIENT);
        gaps(c, toServer, "client-to-server MQTT", problems);
        gaps(c, toClient, "server-to-client MQTT", problems);
        interleave(toServer, toClient, (up2, bytes) -> {
            ByteStream s = up2 ? toServer : toClient;
            for (MqttPacket p : (up2 ? up : down).feed(bytes)) {
                int[] l = s.linesOf(p.streamOffset(), p.length());
                out.add(new Mqtt(c.index(), p, l[0], l[1]));
            }
        });
        for (MqttStreamDecoder d : List.of(up, down)) {
            d.endOfStream();
            ByteStream s = d == up ? toServer : toClient;
            for (MqttViolation v : d.streamProblems()) {
                problems.add(new LogProblem(s.lineAt(Math.min(v.streamOffset(), s.length() - 1L)),
                        "connection " + c.index() + " " + d.direction().shortName() + " MQTT: " + v.message(), ""));
            }
        }
    }

    private static void gaps(LogConnection c, ByteStream s, String what, List<LogProblem> problems) {
        if (!s.gaps().isEmpty()) {
            ByteStream.Gap g = s.gaps().get(0);
            problems.add(new LogProblem(g.line(), "connection " + c.index() + " " + what + " bytes: " + g.reason()
                    + "; decoding stops at byte " + g.offset(), ""));
        }
    }

    interface Feed {
        void feed(boolean toServer, byte[] bytes);
    }

    /** Feeds both directions in the order their bytes appear in the log, up to the first gap of each. */
    static void interleave(ByteStream a, ByteStream b, Feed f) {
        int na = a.contiguousLength();
        int nb = b.contiguousLength();
        int i = 0;
        int j = 0;
        while (i < na || j < nb) {
            if (j >= nb || (i < na && a.lineAt(i) <= b.lineAt(j))) {
                int start = i;
                while (i < na && (j >= nb || a.lineAt(i) <= b.lineAt(j))) {
                    i++;
                }
                f.feed(true, a.bytes(start, i));
            } else {
                int start = j;
                while (j < nb && (i >= na || b.lineAt(j) < a.lineAt(i))) {
                    j++;
                }
                f.feed(false, b.bytes(start, j));
            }
        }
    }
}
