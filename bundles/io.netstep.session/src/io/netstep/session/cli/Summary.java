package io.netstep.session.cli;

import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.w5500.ChipEvent;

import java.io.PrintStream;
import java.util.List;

/** Totals at the end of the timeline: SPI frames, bytes per socket and direction. */
final class Summary {

    private Summary() { }

    static void print(List<LogEntry> log, PrintStream out) {
        long frames = 0;
        long[] txBytes = new long[8];
        long[] rxBytes = new long[8];
        int[] txCount = new int[8];
        int[] rxCount = new int[8];
        int keyLines = 0;
        for (LogEntry e : log) {
            Object ev = e.event();
            if (ev instanceof ChipEvent.SpiFrame) {
                frames++;
            } else if (ev instanceof ChipEvent.Data d && d.socket() >= 0 && d.socket() < 8) {
                if (d.tx()) {
                    txBytes[d.socket()] += d.bytes().length;
                    txCount[d.socket()]++;
                } else {
                    rxBytes[d.socket()] += d.bytes().length;
                    rxCount[d.socket()]++;
                }
            } else if (ev instanceof SessionEvent.KeyLogLine k) {
                keyLines = k.count();
            }
        }
        out.println("SPI frames: " + frames);
        for (int sn = 0; sn < 8; sn++) {
            if (txCount[sn] + rxCount[sn] > 0) {
                out.printf("S%d: sent %d bytes in %d packets/sends, received %d bytes in %d%n",
                        sn, txBytes[sn], txCount[sn], rxBytes[sn], rxCount[sn]);
            }
        }
        if (keyLines > 0) {
            out.println("TLS key log lines received: " + keyLines + " (kept in memory only)");
        }
    }
}
