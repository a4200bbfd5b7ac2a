package io.netstep.session.diagnosis;

import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * F9 bad-connack: the broker's answer to CONNECT breaks the spec (MQTT 3.1.1 §3.2). Checked on
 * the wire for plain MQTT; over TLS on the analysis layer's decrypted packets (key log needed).
 */
final class BadConnackRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (k.isTls()) {
                Diagnosis d = overTls(t, k);
                if (d != null) {
                    out.add(d);
                }
                continue;
            }
            byte[] in = k.arrived.bytes();
            if (!MqttPackets.looksLikeMqtt(k.sent.bytes()) || in.length < 2) {
                continue;
            }
            int type = (in[0] & 0xFF) >> 4;
            List<String> problems = new ArrayList<>();
            int remaining = in[1] & 0xFF;
            if (type != MqttPackets.CONNACK) {
                problems.add("the first packet from the broker is " + MqttPackets.name(type)
                        + ", not CONNACK (§3.1.4: the first packet from the server MUST be CONNACK)");
            } else {
                if ((in[0] & 0x0F) != 0) {
                    problems.add("fixed header flags " + (in[0] & 0x0F) + ", must be 0 (§2.2.2)");
                }
                if (remaining != 2) {
                    problems.add("remaining length " + remaining + ", must be 2 (§3.2.1)");
                }
                if (in.length >= 4) {
                    int ackFlags = in[2] & 0xFF;
                    int rc = in[3] & 0xFF;
                    if ((ackFlags & 0xFE) != 0) {
                        problems.add("Connect Acknowledge Flags 0x" + Integer.toHexString(ackFlags)
                                + ": bits 7–1 are reserved and must be 0 (§3.2.2.1)");
                    }
                    if (rc > 5) {
                        problems.add("return code " + rc + " is not defined (§3.2.2.3: 0–5)");
                    }
                    if (rc != 0 && (ackFlags & 1) != 0) {
                        problems.add("Session Present 1 with return code " + rc + " (§3.2.2.2: must be 0)");
                    }
                }
            }
            if (problems.isEmpty()) {
                continue;
            }
            ByteStream.Chunk c = k.arrived.chunkAt(0);
            int shown = Math.min(in.length, 16);
            List<Evidence> ev = new ArrayList<>();
            ev.add(new Evidence(c.seq(), c.time(), "the broker's first bytes: "
                    + HexFormat.ofDelimiter(" ").formatHex(in, 0, shown) + (in.length > shown ? " …" : "")));
            for (String p : problems) {
                ev.add(new Evidence(c.seq(), c.time(), p));
            }
            out.add(diagnosis(k, ev));
        }
        return out;
    }

    /** The first decrypted packet from the broker, checked by the MQTT decoder's rules. */
    private static Diagnosis overTls(SessionTrace t, Connection k) {
        if (t.analysis == null) {
            return null;
        }
        ProtocolEvent first = null;
        for (ProtocolEvent p : t.analysis.mqttPackets()) {
            if (p.dir() == Dir.S2C && p.connection() != null && p.connection().socket() == k.socket
                    && Decoded.seq(p) > k.connect.seq() && Decoded.seq(p) < k.endSeq()) {
                first = p;
                break;
            }
        }
        if (first == null) {
            return null;
        }
        Object violations = first.attributes().get("violations");
        boolean notConnack = !"CONNACK".equals(first.type());
        if (!notConnack && (!(violations instanceof List<?> v) || v.isEmpty())) {
            return null;
        }
        byte[] b = first.bytes();
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence(Decoded.seq(first), first.virtualNanos(), "the broker's first packet (decrypted): "
                + HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(16, b.length)) + (b.length > 16 ? " …" : "")
                + " — " + first.summary()));
        if (notConnack) {
            ev.add(new Evidence(Decoded.seq(first), first.virtualNanos(), "it is " + first.type()
                    + ", not CONNACK (§3.1.4: the first packet from the server MUST be CONNACK)"));
        }
        if (violations instanceof List<?> v) {
            for (Object o : v) {
                ev.add(new Evidence(Decoded.seq(first), first.virtualNanos(), String.valueOf(o)));
            }
        }
        return diagnosis(k, ev);
    }

    private static Diagnosis diagnosis(Connection k, List<Evidence> ev) {
        io.netstep.net.NetworkEvent.Connect ce = k.connectEvent();
        String who = k.destination() + (ce != null && ce.host() != null ? " (host " + ce.host() + ")" : "");
        return new Diagnosis("F9", "bad-connack", "the broker's CONNACK is malformed", Confidence.CERTAIN,
                    "the bytes on the wire break MQTT 3.1.1 §3.2 as listed",
                    "The broker at " + who + " answered CONNECT with a packet the spec forbids; a paho-style client "
                            + "rejects it (MQTTConnect returns -1 / FAILURE, the return code it prints stays 255, "
                            + "its initial value). The fault is the broker's (or whatever sits between), not the firmware's.",
                    ev,
                    "Fix or replace the broker (or proxy) that sends it; in the firmware, initialise the CONNACK "
                            + "return code and treat a malformed CONNACK as a failed connect (MQTTConnectWithResults() "
                            + "returns FAILURE) rather than reading past it.",
                    List.of());
    }
}
