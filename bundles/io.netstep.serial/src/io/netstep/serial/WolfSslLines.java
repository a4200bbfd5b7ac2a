package io.netstep.serial;

import io.netstep.mqtt.Direction;
import io.netstep.serial.Dump.Target;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogEvent.Source;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wolfSSL debug output ({@code wolfSSL_Debugging_ON()}): function entry and exit, error
 * codes, connect states, record and handshake progress, and {@code WOLFSSL_BUFFER} hex dumps.
 * Lines where the logger overran and messages ran into each other are read fragment by
 * fragment; the cut ones are reported.
 */
final class WolfSslLines {

    private static final Pattern ENTER = Pattern.compile("^wolfSSL Entering ([A-Za-z_][\\w ]{0,80}(?:\\(\\))?)\\s*$");
    private static final Pattern LEAVE = Pattern.compile("^wolfSSL Leaving ([A-Za-z_][\\w ()]{0,80}), return (-?\\d{1,11})\\s*$");
    /** 5.x with an error queue adds where: {@code error = 188 line:13428 file:src/internal.c} (the code without its sign). */
    private static final Pattern ERROR = Pattern.compile(
            "^wolfSSL error occurred, error = (-?\\d{1,11})(?: line:(\\d{1,7}) file:(\\S{1,200}))?\\s*$");
    private static final Pattern CONNECT_STATE = Pattern.compile("^(connect|accept) state: ([A-Z_0-9]{1,60})$");
    private static final Pattern SENT = Pattern.compile("^sent: ([a-zA-Z][\\w ]{0,60})$");
    private static final Pattern PROCESSING = Pattern.compile("^(?:processing|got) ([a-zA-Z][\\w ]{0,60}?)!?$");
    private static final Pattern BUFFER = Pattern.compile("^(growing|Shrinking) (input|output) buffer$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALERT = Pattern.compile("(?i)^(?:got alert|got ALERT!|alert type|received alert|sending alert)\\b.{0,80}$");
    private static final Pattern EXTENSION = Pattern.compile("^([\\w ]{1,60}) extension to write$");

    private static final Pattern MESSAGE = Pattern.compile("wolfSSL (?:Entering|Leaving|error occurred)");

    private final SerialLogParser p;

    WolfSslLines(SerialLogParser p) {
        this.p = p;
    }

    boolean recognise(CleanLine l) {
        String t = l.text();
        if (MESSAGE.matcher(t).find() || nextSplit(t, 0) == 0 || splitPoints(t) >= 2) {
            fragments(l, t);
            return true;
        }
        Matcher m;
        if ((m = CONNECT_STATE.matcher(t)).find()) {
            LogConnection c = m.group(2).equals("CLIENT_HELLO_SENT") ? p.clientHello(l, false) : p.connection(l);
            event(l, Kind.STATE, m.group(1) + " state", m.group(2), null, null, c);
            return true;
        }
        if ((m = SENT.matcher(t)).find()) {
            LogConnection c = p.connection(l);
            event(l, Kind.STEP, "sent: " + m.group(1), null, null, Direction.CLIENT_TO_SERVER, c);
            return true;
        }
        if (t.equals("received record layer msg")) {
            event(l, Kind.RECORD, t, null, null, Direction.SERVER_TO_CLIENT, p.connection(l));
            return true;
        }
        if ((m = ALERT.matcher(t)).find()) {
            event(l, Kind.ALERT, t, null, null, null, p.connection(l));
            return true;
        }
        if ((m = BUFFER.matcher(t)).find()) {
            event(l, Kind.IO, t, null, null, m.group(2).equalsIgnoreCase("input") ? Direction.SERVER_TO_CLIENT
                    : Direction.CLIENT_TO_SERVER, p.connection(l));
            return true;
        }
        if ((m = EXTENSION.matcher(t)).find()) {
            event(l, Kind.INFO, t, null, null, Direction.CLIENT_TO_SERVER, p.connection(l));
            return true;
        }
        if ((m = PROCESSING.matcher(t)).find() && (t.startsWith("processing ") || t.startsWith("got HANDSHAKE")
                || t.startsWith("got CHANGE") || t.startsWith("got app DATA") || t.startsWith("got ALERT"))) {
            event(l, Kind.STEP, t, null, null, Direction.SERVER_TO_CLIENT, p.connection(l));
            return true;
        }
        byte[] hex = t.contains("|") ? HexLines.bare(t) : null;
        if (hex != null && (p.sourcesSeen(Source.WOLFSSL))) {
            p.openDump(l, "wolfSSL buffer", Target.UNATTRIBUTED, -1, false);
            p.continueOpenDump(l);
            return true;
        }
        return false;
    }

    /** Where a wolfSSL message starts: "wolfSSL" not followed by "_" or a letter (so not wolfSSL_Init). */
    private static int nextSplit(String t, int from) {
        int i = t.indexOf("wolfSSL", from);
        while (i >= 0) {
            int after = i + 7;
            if (after >= t.length() || !(Character.isLetterOrDigit(t.charAt(after)) || t.charAt(after) == '_')) {
                return i;
            }
            i = t.indexOf("wolfSSL", i + 1);
        }
        return -1;
    }

    private static int splitPoints(String t) {
        int n = 0;
        for (int i = nextSplit(t, 0); i >= 0; i = nextSplit(t, i + 7)) {
            n++;
        }
        return n;
    }

    /** A line may hold several messages run together when the logger overran. */
    private void fragments(CleanLine l, String t) {
        int first = nextSplit(t, 0);
        if (first < 0) {
            first = 0;
        }
        String before = t.substring(0, first).trim();
        int cut = before.isEmpty() ? 0 : 1;
        int whole = 0;
        for (int at = first; at >= 0 && at < t.length();) {
            int next = nextSplit(t, at + 7);
            String frag = (next < 0 ? t.substring(at) : t.substring(at, next)).strip();
            boolean ranInto = next > 0 && t.charAt(next - 1) != ' ';
            boolean alone = at == 0 && next < 0;
            boolean read = !ranInto && !frag.equals("wolfSSL") && fragment(l, frag);
            if (alone && !read) {
                // a wolfSSL message of another form ("wolfSSL Using RSA PSS un-padding")
                event(l, Kind.INFO, frag, null, null, null, p.connection(l));
                whole++;
            } else if (!read) {
                cut++;
            } else {
                whole++;
            }
            at = next;
        }
        if (cut > 0) {
            p.problem(l.number(), cut + " wolfSSL message(s) cut or run together on this line (log output overran?)"
                    + (whole > 0 ? "; " + whole + " read" : ""), t);
        }
    }

    private boolean fragment(CleanLine l, String f) {
        Matcher m;
        if ((m = ENTER.matcher(f)).find()) {
            LogConnection c = p.connection(l);
            boolean alert = m.group(1).equals("SendAlert");
            event(l, alert ? Kind.ALERT : Kind.FUNCTION, "enter " + m.group(1).trim(), null, null,
                    alert ? Direction.CLIENT_TO_SERVER : null, c);
            return true;
        }
        if ((m = LEAVE.matcher(f)).find()) {
            long ret = Long.parseLong(m.group(2));
            String name = Codes.wolfSsl(ret);
            Kind k = ret < 0 ? Kind.RETURN_CODE : Kind.FUNCTION;
            event(l, k, m.group(1).trim(), name, ret, null, p.connection(l));
            return true;
        }
        if ((m = ERROR.matcher(f)).find()) {
            long code = Long.parseLong(m.group(1));
            if (m.group(2) != null && code > 0) {
                code = -code;
            }
            String where = m.group(3) == null ? "" : " at " + m.group(3) + ":" + m.group(2);
            String name = Codes.wolfSsl(code);
            event(l, Kind.ERROR, "wolfSSL error", name == null && !where.isEmpty() ? where.substring(4) : name == null ? null
                    : name + where, code, null, p.connection(l));
            return true;
        }
        return false;
    }

    private void event(CleanLine l, Kind kind, String name, String detail, Long code, Direction dir, LogConnection c) {
        p.event(l, Source.WOLFSSL, kind, name, detail, code, dir, c);
    }
}
