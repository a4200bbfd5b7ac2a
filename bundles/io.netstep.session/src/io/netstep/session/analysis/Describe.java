package io.netstep.session.analysis;

import io.netstep.net.NetworkEvent;
import io.netstep.session.SessionEvent;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Type names, one-line summaries and attributes of log entries, by datasheet names. */
final class Describe {

    record Text(Layer layer, int socket, String type, String summary, Map<String, Object> attrs, byte[] bytes) { }

    private Describe() {
    }

    static Text of(Object ev) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (ev instanceof ChipEvent.SpiFrame f) {
            String where = blockName(f.block());
            a.put("block", f.block());
            a.put("offset", f.offset());
            a.put("write", f.write());
            a.put("length", f.data().length);
            if (f.problem() != null) {
                a.put("problem", f.problem());
            }
            int sn = f.block() > 0 && !Registers.isReservedBlock(f.block()) && f.block() < 32 ? (f.block() - 1) / 4 : -1;
            String reg = f.block() == 0 ? Registers.commonName(f.offset())
                    : sn >= 0 && (f.block() - 1) % 4 == 0 ? Registers.socketName(f.offset()) : null;
            String type = "SPI " + (f.write() ? "write " : "read ") + where;
            String summary = type + (reg != null ? " " + reg : String.format(" @0x%04X", f.offset())) + ", "
                    + f.data().length + " bytes" + (f.problem() == null ? "" : " PROBLEM: " + f.problem());
            return new Text(Layer.SPI, sn, type, summary, a, f.data());
        }
        if (ev instanceof ChipEvent.Command c) {
            a.put("socket", c.socket());
            a.put("command", Registers.commandName(c.command()));
            a.put("state_before", Registers.stateName(c.stateBefore()));
            return new Text(Layer.CHIP, c.socket(), "Sn_CR " + Registers.commandName(c.command()),
                    "S" + c.socket() + " Sn_CR " + Registers.commandName(c.command()) + " (in "
                            + Registers.stateName(c.stateBefore()) + ")", a, null);
        }
        if (ev instanceof ChipEvent.StateChange s) {
            a.put("socket", s.socket());
            a.put("from", Registers.stateName(s.from()));
            a.put("to", Registers.stateName(s.to()));
            if (s.cause() != null) {
                a.put("cause", s.cause());
            }
            return new Text(Layer.CHIP, s.socket(), "Sn_SR " + Registers.stateName(s.to()),
                    "S" + s.socket() + " Sn_SR " + Registers.stateName(s.from()) + " -> " + Registers.stateName(s.to())
                            + (s.cause() == null || s.cause().isEmpty() ? "" : " (" + s.cause() + ")"), a, null);
        }
        if (ev instanceof ChipEvent.Interrupt i) {
            a.put("socket", i.socket());
            a.put("raised", i.raised());
            a.put("int_line", i.intLine());
            String reg = i.socket() < 0 ? "IR" : "Sn_IR";
            return new Text(Layer.CHIP, i.socket(), reg, (i.socket() < 0 ? "" : "S" + i.socket() + " ") + reg + " "
                    + irBits(i.socket(), i.raised()) + (i.intLine() ? " INTn asserted" : ""), a, null);
        }
        if (ev instanceof ChipEvent.Data d) {
            a.put("socket", d.socket());
            a.put("length", d.bytes().length);
            a.put("peer", ip(d.peerIp()) + ":" + d.peerPort());
            return new Text(Layer.SOCKET, d.socket(), d.tx() ? "Data tx" : "Data rx", "S" + d.socket() + " "
                    + (d.tx() ? "sent " : "received ") + d.bytes().length + " bytes " + (d.tx() ? "to " : "from ")
                    + ip(d.peerIp()) + ":" + d.peerPort(), a, d.bytes());
        }
        if (ev instanceof ChipEvent.Diagnostic d) {
            a.put("socket", d.socket());
            a.put("message", d.message());
            return new Text(Layer.CHIP, d.socket(), "Diagnostic", (d.socket() < 0 ? "" : "S" + d.socket() + " ")
                    + "NOTE " + d.message(), a, null);
        }
        if (ev instanceof ChipEvent.Reset r) {
            a.put("software", r.software());
            return new Text(Layer.CHIP, -1, "Reset", r.software() ? "chip reset (MR RST)" : "chip power-on / RSTn", a, null);
        }
        if (ev instanceof NetworkEvent n) {
            return network(n, a);
        }
        if (ev instanceof SessionEvent s) {
            String type = s.getClass().getSimpleName();
            String text;
            if (s instanceof SessionEvent.KeyLogLine k) {
                text = "TLS key log line #" + k.count() + " (kept, not shown)";
            } else if (s instanceof SessionEvent.FirmwareExited f) {
                text = "firmware exited with status " + f.status() + (f.killed() ? " (killed by netstep)" : "");
            } else if (s instanceof SessionEvent.NetworkNote nn) {
                a.put("kind", nn.kind());
                text = nn.kind() + ": " + nn.message();
            } else {
                text = s.toString();
            }
            return new Text(Layer.SESSION, -1, type, text, a, null);
        }
        return new Text(Layer.SESSION, -1, ev.getClass().getSimpleName(), String.valueOf(ev), a, null);
    }

    private static Text network(NetworkEvent n, Map<String, Object> a) {
        String type = n.getClass().getSimpleName();
        String text;
        int socket = -1;
        byte[] bytes = null;
        if (n instanceof NetworkEvent.Dhcp d) {
                socket = d.socket();
                a.put("received", d.received());
                a.put("reply", d.reply());
                a.put("address", d.address());
                text = "DHCP " + d.received() + " -> " + (d.reply() == null ? "no answer" : d.reply())
                        + (d.address() == null ? "" : " " + d.address());
            } else if (n instanceof NetworkEvent.Dns d) {
                socket = d.socket();
                a.put("name", d.name());
                a.put("address", d.address());
                a.put("source", d.source());
                text = "DNS " + d.name() + " -> " + (d.address() == null ? "no address" : d.address());
            } else if (n instanceof NetworkEvent.Connect c) {
                socket = c.socket();
                a.put("dst", c.dstIp() + ":" + c.dstPort());
                a.put("name", c.name());
                a.put("result", c.result().name());
                a.put("error", c.error());
                text = "connect " + c.dstIp() + ":" + c.dstPort() + (c.name() == null ? "" : " (" + c.name() + ")")
                        + " -> " + c.result() + (c.error() == null ? "" : ": " + c.error());
            } else if (n instanceof NetworkEvent.Listening l) {
                socket = l.socket();
                text = "chip port " + l.chipPort() + " reachable at 127.0.0.1:" + l.hostPort();
            } else if (n instanceof NetworkEvent.Accepted ac) {
                socket = ac.socket();
                a.put("peer", ac.peer());
                text = "accepted " + ac.peer();
            } else if (n instanceof NetworkEvent.Closed c) {
                socket = c.socket();
                a.put("how", c.how());
                text = "host side closed: " + c.how();
            } else if (n instanceof NetworkEvent.Bytes b) {
                socket = b.socket();
                a.put("length", b.data().length);
                bytes = b.data();
                text = b.data().length + " bytes " + (b.toChip() ? "to the chip" : "from the chip");
            } else if (n instanceof NetworkEvent.Datagram d) {
                socket = d.socket();
                a.put("peer", d.peer());
                a.put("length", d.length());
                text = "UDP " + d.length() + " bytes " + (d.toChip() ? "from " : "to ") + d.peer();
            } else if (n instanceof NetworkEvent.FaultApplied f) {
                socket = f.socket();
                a.put("spec", f.spec());
                a.put("what", f.what());
                text = "FAULT " + f.spec() + ": " + f.what();
            } else if (n instanceof NetworkEvent.Malformed m) {
                socket = m.socket();
                a.put("protocol", m.protocol());
                a.put("problem", m.problem());
                text = "malformed " + m.protocol() + " packet ignored: " + m.problem();
            } else if (n instanceof NetworkEvent.Dropped d) {
                socket = d.socket();
                a.put("why", d.why());
                text = "dropped: " + d.why();
            } else {
                text = String.valueOf(n);
            }
        a.values().removeIf(java.util.Objects::isNull);
        if (socket >= 0) {
            a.put("socket", socket);
        }
        return new Text(Layer.NET, socket, type, (socket >= 0 ? "S" + socket + " " : "") + text, a, bytes);
    }

    static String blockName(int block) {
        if (block == Registers.BSB_COMMON) {
            return "common";
        }
        if (block > 31 || Registers.isReservedBlock(block)) {
            return "reserved block " + block;
        }
        int sn = (block - 1) / 4;
        return switch ((block - 1) % 4) {
            case 0 -> "S" + sn + " registers";
            case 1 -> "S" + sn + " TX buffer";
            default -> "S" + sn + " RX buffer";
        };
    }

    static String irBits(int socket, int v) {
        String[] names = socket < 0 ? new String[] {"?", "?", "?", "?", "MP", "PPPoE", "UNREACH", "CONFLICT"}
                : new String[] {"CON", "DISCON", "RECV", "TIMEOUT", "SENDOK", "?", "?", "?"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if ((v & (1 << i)) != 0) {
                b.append(b.length() > 0 ? "|" : "").append(names[i]);
            }
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }

    static String ip(byte[] ip) {
        if (ip == null || ip.length != 4) {
            return "?";
        }
        return (ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF);
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return s.toString();
    }
}
