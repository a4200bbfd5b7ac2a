package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * F12 client-id-taken: the broker dropped the firmware's connection because another one
 * connected with the same client ID. The other connection is not on the firmware's chip, so
 * only the broker's side can show it: the cloud profile logs it; a plain broker does not.
 */
final class ClientIdTakenRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (!PolicyDisconnectRule.closedByBroker(k)) {
                continue;
            }
            CloudNotes.Note note = null;
            for (CloudNotes.Note n : CloudNotes.of(t, "CLIENT_ID_TAKEN")) {
                if (n.entry().seq() > k.connect.seq() && n.entry().seq() <= k.hostClosed.seq() + 50) {
                    note = n;
                }
            }
            if (note == null) {
                continue;
            }
            List<Evidence> ev = new ArrayList<>();
            ev.add(new Evidence(note.entry().seq(), note.entry().virtualNanos(), "the cloud profile: " + note.text()));
            ev.add(new Evidence(k.hostClosed.seq(), k.hostClosed.virtualNanos(), "the broker closed socket " + k.socket
                    + "'s connection (" + ((io.netstep.net.NetworkEvent.Closed) k.hostClosed.event()).how() + ")"));
            io.netstep.session.analysis.ProtocolEvent last = PolicyDisconnectRule.lastClientPacket(t, k);
            if (last != null) {
                ev.add(new Evidence(Decoded.seq(last), last.virtualNanos(), "the firmware's last MQTT packet before: "
                        + last.type() + " — nothing it sent caused the close"));
            }
            String id = note.clientId() == null ? "?" : note.clientId();
            out.add(new Diagnosis("F12", "client-id-taken", "another connection took the client ID '" + id + "'",
                    Confidence.CERTAIN, "the broker (cloud profile) logged that a newer connection used the same client ID",
                    "MQTT allows one session per client ID: when another device, test tool or a second instance of "
                            + "this firmware connects as '" + id + "', the broker drops the older connection without a "
                            + "reason on MQTT 3.1.1. Reconnect loops on both sides then knock each other off.",
                    ev,
                    "Give every device its own client ID (on AWS IoT: the thing name of that device's certificate, "
                            + "MQTTPacket_connectData.clientID), and do not run a second copy (or a desktop client) "
                            + "with the same ID.",
                    List.of()));
        }
        return out;
    }
}
