package io.netstep.tls;

import io.netstep.tls.internal.Hex;
import io.netstep.tls.names.TlsNames;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the content of one record (plaintext or decrypted) by its content type: handshake
 * bytes go to the direction's reassembler; alerts, ChangeCipherSpec, application data and
 * heartbeats become events here.
 */
final class ContentDecoder {
    private final Negotiation negotiation;
    private final Consumer<TlsEvent> publish;

    ContentDecoder(Negotiation negotiation, Consumer<TlsEvent> publish) {
        this.negotiation = negotiation;
        this.publish = publish;
    }

    private void publish(TlsEvent e) {
        publish.accept(e);
    }

    private static List<ByteRange> in(ByteSpace space, long offset, int length) {
        return List.of(new ByteRange(space, offset, length));
    }

    void content(DirectionState d, int type, byte[] c, ByteSpace space, long offset, long recordWireOffset,
            long seq, boolean decrypted) {
        if (d.stopped) {
            return;
        }
        switch (type) {
            case 22:
                d.reassembler.add(c, space, offset);
                break;
            case 21:
                alerts(d, c, space, offset, decrypted);
                break;
            case 20: {
                Field f = new Field("ChangeCipherSpec", "", in(space, offset, c.length));
                f.add(new Field("type", c.length > 0 ? Integer.toString(c[0] & 0xff) : "", in(space, offset,
                        Math.min(1, c.length))));
                if (c.length != 1 || c[0] != 1) {
                    publish(new TlsProblem(d.direction, TlsProblem.Kind.MALFORMED,
                            "ChangeCipherSpec must be the single byte 0x01", recordWireOffset, false));
                }
                publish(new ChangeCipherSpecMessage(d.direction, f));
                negotiation.onChangeCipherSpec(d.direction);
                break;
            }
            case 23: {
                Field f = new Field("application_data", Hex.preview(c, 0, c.length, 32), in(space, offset, c.length));
                if (decrypted) {
                    long at = d.applicationData.length();
                    d.applicationData.append(c, recordWireOffset, seq);
                    publish(new ApplicationData(d.direction, f, recordWireOffset, c.length, c, at));
                } else {
                    // Unprotected application_data: before any known key epoch (e.g. 0-RTT or a capture
                    // that starts mid-connection); it is ciphertext to us.
                    publish(new ApplicationData(d.direction, f, recordWireOffset, c.length, null, -1));
                }
                break;
            }
            case 24:
                heartbeat(d, c, space, offset);
                break;
            default:
                publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, "inner content type " + type
                        + " is not a TLS content type", recordWireOffset, false));
        }
    }

    private void alerts(DirectionState d, byte[] c, ByteSpace space, long offset, boolean decrypted) {
        if (c.length == 0 || c.length % 2 != 0) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.MALFORMED, "alert record of " + c.length
                    + " bytes (alerts are 2 bytes)", -1, false));
        }
        for (int i = 0; i + 1 < c.length; i += 2) {
            int level = c[i] & 0xff;
            int desc = c[i + 1] & 0xff;
            Field f = new Field("Alert", TlsNames.ALERT_LEVELS.name(level) + " "
                    + TlsNames.ALERT_DESCRIPTIONS.name(desc), in(space, offset + i, 2));
            f.add(new Field("level", TlsNames.ALERT_LEVELS.display(level), in(space, offset + i, 1)));
            f.add(new Field("description", TlsNames.ALERT_DESCRIPTIONS.display(desc), in(space, offset + i + 1, 1)));
            AlertMessage a = new AlertMessage(d.direction, f, level, desc, decrypted);
            negotiation.onAlert(a);
            publish(a);
        }
    }

    private void heartbeat(DirectionState d, byte[] c, ByteSpace space, long offset) {
        Field f = new Field("HeartbeatMessage", "", in(space, offset, c.length));
        if (c.length < 3) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.MALFORMED, "heartbeat message of " + c.length
                    + " bytes", -1, false));
            return;
        }
        int type = c[0] & 0xff;
        int payload = (c[1] & 0xff) << 8 | (c[2] & 0xff);
        f.add(new Field("type", TlsNames.HEARTBEAT_MESSAGE_TYPES.display(type), in(space, offset, 1)));
        f.add(new Field("payload_length", Integer.toString(payload), in(space, offset + 1, 2)));
        if (3 + payload + 16 > c.length) {
            // The Heartbleed pattern: payload_length larger than what was sent (RFC 6520 section 4).
            publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, "heartbeat payload_length " + payload
                    + " exceeds the message (" + c.length + " bytes, 16 of them padding at least)", -1, false));
        }
        publish(new HeartbeatMessage(d.direction, f, type, payload));
    }
}
