package io.netstep.session.diagnosis;

import io.netstep.session.analysis.Dir;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * F11 policy-disconnect: the broker closed right after a PUBLISH / SUBSCRIBE (or CONNECT)
 * without answering it. Certain with the cloud profile's decision in the log; likely from the
 * decrypted MQTT alone (AWS IoT on MQTT 3.1.1 gives no reason).
 */
final class PolicyDisconnectRule implements Rule {

    private static final long QUICK_CLOSE_NANOS = 2_000_000_000L;

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (!k.isTls() || !closedByBroker(k)) {
                continue;
            }
            CloudNotes.Note note = null;
            for (String kind : List.of("PUBLISH_DENIED", "SUBSCRIBE_DENIED", "CONNECT_DENIED")) {
                for (CloudNotes.Note n : CloudNotes.of(t, kind)) {
                    if (n.entry().seq() < k.hostClosed.seq() && n.entry().seq() > k.connect.seq()) {
                        note = n;
                    }
                }
            }
            ProtocolEvent last = lastClientPacket(t, k);
            if (note == null && (last == null || !List.of("PUBLISH", "SUBSCRIBE").contains(last.type())
                    || answered(t, k, last) || k.hostClosed.virtualNanos() - last.virtualNanos() > QUICK_CLOSE_NANOS)) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            if (last != null) {
                ev.add(new Evidence(Decoded.seq(last), last.virtualNanos(), "the firmware's last MQTT packet: " + last.type()
                        + (last.attr("topic") != null ? " topic '" + last.attr("topic") + "'" : "") + " (" + last.summary() + ")"));
            }
            if (note != null) {
                ev.add(new Evidence(note.entry().seq(), note.entry().virtualNanos(), "the cloud profile: " + note.text()));
            }
            ev.add(new Evidence(k.hostClosed.seq(), k.hostClosed.virtualNanos(), "the broker closed the connection without "
                    + "an answer (no PUBACK/SUBACK, no DISCONNECT: MQTT 3.1.1 has no way to give a reason)"));
            String topic = note != null && note.topic() != null ? note.topic()
                    : last != null && last.attr("topic") != null ? last.attr("topic") : "?";
            String action = note != null ? note.kind().replace("_DENIED", "").toLowerCase(java.util.Locale.ROOT)
                    : last.type().toLowerCase(java.util.Locale.ROOT);
            out.add(new Diagnosis("F11", "policy-disconnect", "the broker's policy forbids " + action
                    + (topic.equals("?") ? "" : " on '" + topic + "'"),
                    note != null ? Confidence.CERTAIN : Confidence.LIKELY,
                    note != null ? "the cloud profile logged the denial" + (note.rule() != null ? " by " + note.rule() : "")
                            : "the broker closed within " + SessionTrace.seconds(k.hostClosed.virtualNanos() - last.virtualNanos())
                            + " of the " + last.type() + " without answering it; the policy itself is not in the log",
                    "AWS IoT checks every CONNECT, PUBLISH and SUBSCRIBE against the policy attached to the device's "
                            + "certificate; on MQTT 3.1.1 a denial simply closes the connection. The firmware's "
                            + action + (topic.equals("?") ? "" : " on '" + topic + "'") + " was denied"
                            + (note != null && note.rule() != null ? " (" + note.rule() + ")" : "") + ".",
                    ev,
                    "Use a topic the policy allows — with the usual thing-scoped policy the client ID must be the "
                            + "thing name and topics must start with it (e.g. '<thing>/…' or '$aws/things/<thing>/…') — "
                            + "or extend the policy (iot:Publish on arn:aws:iot:REGION:ACCOUNT:topic/…, iot:Subscribe on "
                            + "…:topicfilter/…, iot:Receive on …:topic/…, iot:Connect on …:client/<id>).",
                    note != null ? List.of() : List.of("F12 client-id-taken: another connection with the same client ID "
                            + "also closes this one silently; against: the close came right after the firmware's own "
                            + last.type())));
        }
        return out;
    }

    static boolean closedByBroker(Connection k) {
        return k.hostClosed != null && (k.firmwareClose == null || k.hostClosed.seq() < k.firmwareClose.seq());
    }

    /** The firmware's last decrypted MQTT packet before the broker's close, or null. */
    static ProtocolEvent lastClientPacket(SessionTrace t, Connection k) {
        if (t.analysis == null) {
            return null;
        }
        ProtocolEvent last = null;
        for (ProtocolEvent p : t.analysis.mqttPackets()) {
            if (p.dir() == Dir.C2S && p.connection() != null && p.connection().socket() == k.socket
                    && Decoded.seq(p) > k.connect.seq() && Decoded.seq(p) < k.hostClosed.seq()) {
                last = p;
            }
        }
        return last;
    }

    private static boolean answered(SessionTrace t, Connection k, ProtocolEvent request) {
        return t.analysis.mqttPackets().stream().anyMatch(p -> p.dir() == Dir.S2C && p.connection() != null
                && p.connection().socket() == k.socket && p.arrivedNanos() >= request.virtualNanos()
                && (p.type().equals("PUBACK") || p.type().equals("SUBACK")));
    }
}
