package io.netstep.session.cli;

import io.netstep.net.NetworkEvent;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.io.PrintStream;
import java.util.List;

/**
 * Turns the event log into lines people read: socket commands, state changes, interrupts,
 * data sizes, what the network reports, bridge and firmware events; with {@code spi} also
 * every SPI frame by block and register name. Key log lines show as a count only.
 */
public final class Timeline {

    private final boolean spi;

    public Timeline(boolean spi) {
        this.spi = spi;
    }

    public void print(List<LogEntry> entries, PrintStream out) {
        print(entries, List.of(), out);
    }

    /**
     * Prints the entries and, after the entry that completed them, the TLS and MQTT layers
     * decoded from them ({@code keyLogLines} decrypt; without them only the plaintext handshake shows).
     */
    public void print(List<LogEntry> entries, List<String> keyLogLines, PrintStream out) {
        Analysis decoded = null;
        try {
            decoded = Analysis.of(entries, keyLogLines);
        } catch (RuntimeException ex) {
            out.println("(TLS/MQTT decoding failed, showing the chip's view only: " + ex + ")");
        }
        for (LogEntry e : entries) {
            String s = format(e);
            if (s != null) {
                out.println(s);
            }
            if (decoded != null) {
                for (ProtocolEvent d : decoded.decodedAt(e.seq())) {
                    if (keyLogLines.isEmpty() && "NO_KEYS".equals(d.attr("kind"))) {
                        continue; // given no key log, "no keys" says nothing about the firmware
                    }
                    String line = format(d);
                    if (line != null) {
                        out.println(line);
                    }
                }
            }
        }
    }

    /** A decoded TLS / MQTT event as a timeline line; records and application data only with {@code spi}. */
    String format(ProtocolEvent d) {
        boolean detail = d.layer() == Layer.TLS_RECORD || d.layer() == Layer.TLS_APPDATA;
        if (detail && !spi) {
            return null;
        }
        String tag = d.layer() == Layer.MQTT || d.layer() == Layer.MQTT_PROBLEM ? "mqtt    " : "tls     ";
        return String.format(java.util.Locale.ROOT, "%10.3f ms  %-7s %s %s %s%s", d.virtualNanos() / 1e6, "", tag,
                d.dir().shortName(), d.summary(),
                Boolean.FALSE.equals(d.attributes().get("read_by_firmware")) ? "  (never read by the firmware)" : "");
    }

    /** One line for an entry, or null when this timeline leaves it out. */
    public String format(LogEntry e) {
        String what = describe(e.event());
        if (what == null) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%10.3f ms  #%-6d %s", e.virtualNanos() / 1e6, e.seq(), what);
    }

    private String describe(Object ev) {
        if (ev instanceof ChipEvent.SpiFrame f) {
            return spi ? "spi      " + spiFrame(f) : null;
        }
        if (ev instanceof ChipEvent.Command c) {
            return sock(c.socket()) + " command  " + Registers.commandName(c.command())
                    + " (in " + Registers.stateName(c.stateBefore()) + ")";
        }
        if (ev instanceof ChipEvent.StateChange s) {
            return sock(s.socket()) + " state    " + Registers.stateName(s.from()) + " -> "
                    + Registers.stateName(s.to()) + paren(s.cause());
        }
        if (ev instanceof ChipEvent.Interrupt i) {
            return (i.socket() < 0 ? "chip" : sock(i.socket())) + " irq      "
                    + (i.socket() < 0 ? irBits(i.raised()) : snIrBits(i.raised()))
                    + (i.intLine() ? "  INTn asserted" : "");
        }
        if (ev instanceof ChipEvent.Data d) {
            return sock(d.socket()) + (d.tx() ? " tx       " : " rx       ") + d.bytes().length + " bytes "
                    + (d.tx() ? "to " : "from ") + ip(d.peerIp()) + ":" + d.peerPort();
        }
        if (ev instanceof ChipEvent.Diagnostic d) {
            return (d.socket() < 0 ? "chip" : sock(d.socket())) + " NOTE     " + d.message();
        }
        if (ev instanceof ChipEvent.Reset r) {
            return "chip reset   " + (r.software() ? "software (MR RST)" : "power-on / RSTn");
        }
        if (ev instanceof SessionEvent s) {
            return session(s);
        }
        if (ev instanceof NetworkEvent n) {
            return network(n);
        }
        return null;
    }

    private static String network(NetworkEvent n) {
        if (n instanceof NetworkEvent.Dhcp d) {
            return "dhcp     " + d.received() + " from " + d.clientMac() + " -> " + (d.reply() == null ? "no answer" : d.reply())
                    + (d.address() == null ? "" : " " + d.address()) + paren(d.detail());
        }
        if (n instanceof NetworkEvent.Dns d) {
            return "dns      " + (d.qtype() == 1 ? "A" : "type " + d.qtype()) + " " + d.name() + " asked of " + d.server()
                    + " -> " + (d.address() == null ? "no address" : d.address()) + " (" + d.source() + ")";
        }
        if (n instanceof NetworkEvent.Connect c) {
            return "connect  " + c.dstIp() + ":" + c.dstPort() + (c.name() == null ? "" : " (" + c.name() + ")")
                    + (c.host() == null ? "" : " via " + c.host()) + " -> " + c.result()
                    + (c.error() == null ? "" : ": " + c.error()) + on(c.socket());
        }
        if (n instanceof NetworkEvent.Listening l) {
            return "listen   chip port " + l.chipPort() + " reachable at 127.0.0.1:" + l.hostPort() + on(l.socket());
        }
        if (n instanceof NetworkEvent.Accepted a) {
            return "accept   " + a.peer() + on(a.socket());
        }
        if (n instanceof NetworkEvent.Closed c) {
            return "closed   host side: " + c.how() + on(c.socket());
        }
        if (n instanceof NetworkEvent.Datagram d) {
            return "udp      " + d.length() + " bytes " + (d.toChip() ? "from " : "to ") + d.peer() + on(d.socket());
        }
        if (n instanceof NetworkEvent.FaultApplied f) {
            return "FAULT    " + f.spec() + ": " + f.what() + on(f.socket());
        }
        if (n instanceof NetworkEvent.Malformed m) {
            return "net      malformed " + m.protocol() + " packet ignored: " + m.problem() + on(m.socket());
        }
        if (n instanceof NetworkEvent.Dropped d) {
            return "net      dropped: " + d.why() + on(d.socket());
        }
        return null;   // Bytes: the chip's Data events already show the sizes
    }

    private static String paren(String s) {
        return s == null || s.isEmpty() ? "" : " (" + s + ")";
    }

    private static String on(int socket) {
        return socket >= 0 ? " (S" + socket + ")" : "";
    }

    private static String session(SessionEvent s) {
        if (s instanceof SessionEvent.BridgeListening b) {
            return "bridge   listening on " + b.endpoint();
        }
        if (s instanceof SessionEvent.BridgeConnected b) {
            return "bridge   attached: " + b.program() + " (" + b.transport() + ")";
        }
        if (s instanceof SessionEvent.BridgeDisconnected b) {
            return "bridge   detached: " + b.program() + " (" + b.reason() + ")";
        }
        if (s instanceof SessionEvent.BridgeError b) {
            return "bridge   ERROR " + b.message();
        }
        if (s instanceof SessionEvent.FirmwareStarted f) {
            return "firmware starting: " + f.command();
        }
        if (s instanceof SessionEvent.FirmwareExited f) {
            return "firmware (pid " + f.pid() + ") exited with status " + f.status()
                    + (f.killed() ? " (killed by netstep)" : "");
        }
        if (s instanceof SessionEvent.Suspended p) {
            return "session  suspended (" + p.reason() + (p.detail() == null ? "" : ", " + p.detail()) + ")";
        }
        if (s instanceof SessionEvent.Resumed r) {
            return "session  resumed (" + r.reason() + ")";
        }
        if (s instanceof SessionEvent.NetworkNote n) {
            return "net      " + n.kind() + ": " + n.message();
        }
        if (s instanceof SessionEvent.KeyLogLine k) {
            return "tls      key log line #" + k.count() + " received (kept in memory, not shown)";
        }
        if (s instanceof SessionEvent.InternalError i) {
            return "INTERNAL " + i.message();
        }
        return null;
    }

    private static String sock(int sn) {
        return "S" + sn;
    }

    /** "read  S0 regs Sn_SR: 17", "write S1 TX buf @0x0123: 20 bytes". */
    static String spiFrame(ChipEvent.SpiFrame f) {
        StringBuilder b = new StringBuilder();
        b.append(f.write() ? "write " : "read  ");
        int block = f.block();
        if (block == Registers.BSB_COMMON) {
            b.append("common ").append(regName(Registers.commonName(f.offset()), f.offset()));
        } else if (Registers.isReservedBlock(block) || block > 31) {
            b.append("reserved block ").append(block).append(String.format(" @0x%04X", f.offset()));
        } else {
            int sn = (block - 1) / 4;
            int kind = (block - 1) % 4;
            if (kind == 0) {
                b.append('S').append(sn).append(' ').append(regName(Registers.socketName(f.offset()), f.offset()));
            } else {
                b.append('S').append(sn).append(kind == 1 ? " TX buf" : " RX buf")
                        .append(String.format(" @0x%04X", f.offset()));
            }
        }
        byte[] d = f.data();
        b.append(": ");
        if (d.length <= 16 || block == Registers.BSB_COMMON || (block - 1) % 4 == 0) {
            b.append(hex(d, 64));
        } else {
            b.append(d.length).append(" bytes");
        }
        if (d.length == 1 && block != Registers.BSB_COMMON && (block - 1) % 4 == 0) {
            if (f.offset() == Registers.Sn_SR) {
                b.append(" (").append(Registers.stateName(d[0] & 0xFF)).append(')');
            } else if (f.offset() == Registers.Sn_CR && f.write()) {
                b.append(" (").append(Registers.commandName(d[0] & 0xFF)).append(')');
            }
        }
        if (f.problem() != null) {
            b.append("  PROBLEM: ").append(f.problem());
        }
        return b.toString();
    }

    private static String regName(String name, int offset) {
        return name != null ? name : String.format("reserved 0x%04X", offset);
    }

    private static String hex(byte[] d, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(d.length, max); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(String.format("%02X", d[i] & 0xFF));
        }
        if (d.length > max) {
            b.append(" ... (").append(d.length).append(" bytes)");
        }
        if (d.length == 0) {
            b.append("(no data)");
        }
        return b.toString();
    }

    private static String snIrBits(int v) {
        return bits(v, new int[] {Registers.Sn_IR_CON, Registers.Sn_IR_DISCON, Registers.Sn_IR_RECV,
            Registers.Sn_IR_TIMEOUT, Registers.Sn_IR_SENDOK}, new String[] {"CON", "DISCON", "RECV", "TIMEOUT", "SENDOK"});
    }

    private static String irBits(int v) {
        return bits(v, new int[] {Registers.IR_CONFLICT, Registers.IR_UNREACH, Registers.IR_PPPOE, Registers.IR_MP},
                new String[] {"CONFLICT", "UNREACH", "PPPoE", "MP"});
    }

    private static String bits(int v, int[] masks, String[] names) {
        StringBuilder b = new StringBuilder();
        int rest = v;
        for (int i = 0; i < masks.length; i++) {
            if ((v & masks[i]) != 0) {
                b.append(b.length() > 0 ? "|" : "").append(names[i]);
                rest &= ~masks[i];
            }
        }
        if (rest != 0) {
            b.append(b.length() > 0 ? "|" : "").append(String.format("0x%02X", rest));
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }

    static String ip(byte[] ip) {
        if (ip == null || ip.length != 4) {
            return "?";
        }
        return (ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF);
    }
}
