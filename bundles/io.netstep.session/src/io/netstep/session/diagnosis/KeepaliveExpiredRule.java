package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * F10 keepalive-expired: the broker closed after the firmware had been silent for about
 * 1.5 × its keepalive. The keepalive comes from the CONNECT: on the wire for plain MQTT, from
 * the analysis layer's decryption over TLS; without keys the finding stays POSSIBLE with the
 * silence measured on records.
 */
final class KeepaliveExpiredRule implements Rule {

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            if (k.hostClosed == null || k.established == null || k.sent.isEmpty()
                    || k.firmwareClose != null && k.firmwareClose.seq() < k.hostClosed.seq()) {
                continue;
            }
            ByteStream.Chunk lastSend = null;
            for (ByteStream.Chunk c : k.sent.chunks()) {
                if (c.seq() < k.hostClosed.seq()) {
                    lastSend = c;
                }
            }
            if (lastSend == null) {
                continue;
            }
            long silence = k.hostClosed.virtualNanos() - lastSend.time();
            byte[] sent = k.sent.bytes();
            boolean plain = MqttPackets.looksLikeMqtt(sent);
            int keepalive = -1;
            long connectSeq = 0;
            long connectTime = 0;
            String lastPacket = "a TLS record";
            if (plain) {
                MqttPackets mp = new MqttPackets(sent);
                if (mp.packets.isEmpty()) {
                    continue;
                }
                keepalive = MqttPackets.keepAlive(mp.packets.get(0));
                for (MqttPackets.Packet p : mp.packets) {
                    ByteStream.Chunk c = k.sent.chunkAt(p.offset());
                    if (c != null && c.seq() <= lastSend.seq()) {
                        lastPacket = MqttPackets.name(p.type());
                    }
                }
                if (keepalive <= 0 || silence < keepalive * 1_000_000_000L) {
                    continue;
                }
            } else if (!k.isTls() || silence < 1_500_000_000L) {
                continue;
            } else {
                // over TLS the CONNECT is readable when the analysis decrypted it (key log)
                io.netstep.session.analysis.ProtocolEvent connect = decryptedConnect(t, k);
                if (connect != null && connect.attr("keep_alive") != null) {
                    keepalive = Integer.parseInt(connect.attr("keep_alive"));
                    if (keepalive <= 0 || silence < keepalive * 1_000_000_000L) {
                        continue;
                    }
                    connectSeq = Decoded.seq(connect);
                    connectTime = connect.virtualNanos();
                    io.netstep.session.analysis.ProtocolEvent last = PolicyDisconnectRule.lastClientPacket(t, k);
                    if (last != null) {
                        lastPacket = last.type() + " (decrypted)";
                    }
                }
            }
            boolean known = keepalive > 0;
            // the longest stretch in the silence in which the firmware did not touch the socket at all
            long from = lastSend.time();
            long longest = 0;
            long touches = 0;
            for (Connection.Poll p : k.polls) {
                if (p.seq() > lastSend.seq() && p.seq() < k.hostClosed.seq()) {
                    longest = Math.max(longest, p.time() - from);
                    from = p.time();
                    touches++;
                }
            }
            longest = Math.max(longest, k.hostClosed.virtualNanos() - from);
            long limit = known ? keepalive * 1_000_000_000L : 1_000_000_000L;
            List<Evidence> ev = new ArrayList<>();
            if (plain) {
                ByteStream.Chunk c = k.sent.chunkAt(0);
                ev.add(new Evidence(c.seq(), c.time(), "CONNECT with Keep Alive = " + keepalive + " s"));
            } else if (known) {
                ev.add(new Evidence(connectSeq, connectTime, "CONNECT (decrypted) with Keep Alive = " + keepalive + " s"));
            }
            ev.add(new Evidence(lastSend.seq(), lastSend.time(), "the firmware's last packet before the close: " + lastPacket));
            ev.add(new Evidence(k.hostClosed.seq(), k.hostClosed.virtualNanos(), "the broker closed the connection "
                    + SessionTrace.seconds(silence) + " later" + (known ? String.format(java.util.Locale.ROOT,
                    " (%.2f × keepalive; brokers close after 1.5 × plus their own check interval)", silence / 1e9 / keepalive) : "")));
            ev.add(new Evidence(0, lastSend.time(), touches + " Sn_RX_RSR poll(s) of socket " + k.socket
                    + " during the silence; the longest stretch without any access to the socket: "
                    + SessionTrace.seconds(longest)));
            String cause = longest >= limit
                    ? "the firmware did not touch socket " + k.socket + " for " + SessionTrace.seconds(longest)
                    + ": MQTTYield() was not called, so no PINGREQ went out"
                    : "the firmware kept polling socket " + k.socket + " during the silence but sent nothing: its "
                    + "keepalive timer did not fire, or a stranded PINGRESP (F1) held it";
            out.add(new Diagnosis("F10", "keepalive-expired", "the broker dropped the firmware for keepalive silence",
                    known ? Confidence.CERTAIN : Confidence.POSSIBLE,
                    known ? "the CONNECT's Keep Alive and the silence before the broker's close are both on the wire"
                            : "the silence before the broker's close is on the wire, but the keepalive is inside the "
                            + "encrypted CONNECT; other reasons for a close (policy, duplicate client id) are not excluded",
                    "The firmware sent nothing for " + SessionTrace.seconds(silence)
                            + (known ? " with a keepalive of " + keepalive + " s" : "") + "; the broker closes a client "
                            + "that is silent for 1.5 × keepalive. " + cause + ".",
                    ev,
                    "Call MQTTYield(&client, ms) often enough that it sends PINGREQ within the keepalive (paho's "
                            + "keepalive() runs inside MQTTYield/cycle), e.g. every 100–1000 ms from the main loop or "
                            + "an RTOS task, and never block longer than the keepalive elsewhere; or raise "
                            + "MQTTPacket_connectData.keepAliveInterval.",
                    known ? List.of() : List.of("F11 policy-disconnect / F12 client-id-taken: also a silent close by the "
                            + "broker; not distinguishable without the decrypted MQTT packets")));
        }
        return out;
    }

    private static io.netstep.session.analysis.ProtocolEvent decryptedConnect(SessionTrace t, Connection k) {
        if (t.analysis == null) {
            return null;
        }
        for (io.netstep.session.analysis.ProtocolEvent p : t.analysis.mqttPackets()) {
            if (p.dir() == io.netstep.session.analysis.Dir.C2S && "CONNECT".equals(p.type()) && p.connection() != null
                    && p.connection().socket() == k.socket && Decoded.seq(p) > k.connect.seq()) {
                return p;
            }
        }
        return null;
    }
}
