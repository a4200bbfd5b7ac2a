package io.netstep.serial;

import io.netstep.mqtt.Direction;
import io.netstep.serial.Dump.Target;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogEvent.Source;
import io.netstep.serial.SerialLogParser.ConnState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mbedTLS debug messages (2.x and 3.x {@code MBEDTLS_SSL_DEBUG_MSG / _RET / _BUF / _MPI}
 * texts), with or without the debug callback's {@code file:line: |level|} prefix.
 */
final class MbedTlsLines {

    private static final Pattern DUMPING = Pattern.compile("^dumping '(.{1,200})' \\((\\d{1,9}) bytes\\)$");
    private static final Pattern NUMBER = Pattern.compile("^value of '(.{1,200})' \\((\\d{1,9}) bits\\) is:$");
    private static final Pattern STEP = Pattern.compile("(=>|<=) ([a-zA-Z][\\w ,:()\\-]{0,80})$");
    private static final Pattern STATE = Pattern.compile(
            "^(?:tls13 )?(client|server) state: (?:(\\d{1,3})|(\\w{1,60})(?:\\s*\\((\\d{1,3})\\))?)$");
    private static final Pattern RETURNED = Pattern.compile(
            "^(.{1,120}?)(?:\\(\\))? returned (-?\\d{1,11}) \\((-?0x[0-9a-fA-F]{1,8})\\)$");
    private static final Pattern FETCH = Pattern.compile("^in_left: (\\d{1,9}), nb_want: (\\d{1,9})$");
    private static final Pattern FLUSH = Pattern.compile("^message length: (\\d{1,9}), out_left: (\\d{1,9})$");
    private static final Pattern RECORD = Pattern.compile(
            "^(input|output) record: msgtype = (\\d{1,3}), version = \\[(\\d{1,3}):(\\d{1,3})\\], msglen = (\\d{1,9})$");
    private static final Pattern TYPE_AFTER_DECRYPT = Pattern.compile("^record type after decrypt \\(before (\\d{1,3})\\): (\\d{1,3})$");
    private static final Pattern HS_MESSAGE = Pattern.compile("^handshake message: msglen = (\\d{1,9}), type = (\\d{1,3}), hslen = (\\d{1,9})$");
    private static final Pattern SEND_ALERT = Pattern.compile("^send alert level=(\\d{1,3}) message=(\\d{1,3})$");
    private static final Pattern GOT_ALERT = Pattern.compile("^got an alert message, type: \\[(\\d{1,3}):(\\d{1,3})\\]$");
    private static final Pattern OFFERED = Pattern.compile("^client hello, add ciphersuite: (0x[0-9a-fA-F]{1,4})(?: \\((.{1,80})\\))?$");
    private static final Pattern CHOSEN = Pattern.compile("^server hello, chosen ciphersuite: (?:(TLS-\\S{1,80})|([0-9a-fA-F]{1,4}))$");
    private static final Pattern SNI = Pattern.compile("^client hello, adding server name extension: (.{1,255})$");
    private static final Pattern CERT_NAME = Pattern.compile("^(subject|issuer) name\\s*: (.{0,255})$");
    private static final Pattern EMULATED = Pattern.compile("requesting more data than fits.*?record of (\\d{1,9}) bytes");

    private final SerialLogParser p;

    MbedTlsLines(SerialLogParser p) {
        this.p = p;
    }

    boolean recognise(CleanLine l) {
        String t = l.text();
        Matcher m;
        boolean mbed = l.fromMbedTlsCallback() && (l.level() >= 0 || l.file().matches("(?i).*(ssl|x509|debug|tls|mbedtls).*"));
        if ((m = DUMPING.matcher(t)).find()) {
            p.openDump(l, m.group(1), Dump.targetOf(m.group(1)), Integer.parseInt(m.group(2)), true);
            return true;
        }
        if ((m = NUMBER.matcher(t)).find()) {
            p.openDump(l, m.group(1), Target.NUMBER, (Integer.parseInt(m.group(2)) + 7) / 8, false);
            return true;
        }
        if ((m = STATE.matcher(t)).find()) {
            String name;
            Long code = null;
            if (m.group(2) != null) {
                code = Long.parseLong(m.group(2));
                name = Codes.mbedTlsState(code.intValue());
            } else {
                name = m.group(3).replaceFirst("^MBEDTLS_SSL_", "");
                code = m.group(4) == null ? null : Long.parseLong(m.group(4));
            }
            LogConnection c = code != null && m.group(1).equals("client") ? p.state(l, code.intValue()) : p.connection(l);
            p.event(l, Source.MBEDTLS, Kind.STATE, m.group(1) + " state", name, code, null, c);
            return true;
        }
        if ((m = RETURNED.matcher(t)).find()) {
            return returned(l, m);
        }
        if ((m = FETCH.matcher(t)).find()) {
            event(l, Kind.IO, "fetch input", "in_left " + m.group(1), Long.parseLong(m.group(2)), Direction.SERVER_TO_CLIENT);
            return true;
        }
        if ((m = FLUSH.matcher(t)).find()) {
            event(l, Kind.IO, "flush output", "out_left " + m.group(2), Long.parseLong(m.group(1)), Direction.CLIENT_TO_SERVER);
            return true;
        }
        if ((m = RECORD.matcher(t)).find()) {
            boolean in = m.group(1).equals("input");
            int type = Integer.parseInt(m.group(2));
            LogConnection c = p.connection(l);
            if (in) {
                p.state(c).lastInType = type;
            } else {
                new DumpSink(p).resolvePendingOut(c, type);
            }
            event(l, Kind.RECORD, m.group(1) + " record", Codes.contentType(type) + " [" + m.group(3) + ":" + m.group(4) + "]",
                    Long.parseLong(m.group(5)), in ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER);
            return true;
        }
        if ((m = TYPE_AFTER_DECRYPT.matcher(t)).find()) {
            p.state(p.connection(l)).lastInType = Integer.parseInt(m.group(2));
            event(l, Kind.RECORD, "record type after decrypt", Codes.contentType(Integer.parseInt(m.group(2))),
                    Long.parseLong(m.group(2)), Direction.SERVER_TO_CLIENT);
            return true;
        }
        if ((m = HS_MESSAGE.matcher(t)).find()) {
            event(l, Kind.INFO, "handshake message", Codes.handshakeType(Integer.parseInt(m.group(2))),
                    Long.parseLong(m.group(3)), Direction.SERVER_TO_CLIENT);
            return true;
        }
        if ((m = SEND_ALERT.matcher(t)).find()) {
            event(l, Kind.ALERT, "send alert", "level " + m.group(1), Long.parseLong(m.group(2)), Direction.CLIENT_TO_SERVER);
            return true;
        }
        if ((m = GOT_ALERT.matcher(t)).find()) {
            event(l, Kind.ALERT, "got alert", "level " + m.group(1), Long.parseLong(m.group(2)), Direction.SERVER_TO_CLIENT);
            return true;
        }
        if ((m = OFFERED.matcher(t)).find()) {
            event(l, Kind.CIPHER_SUITE, "offered cipher suite", m.group(2), Long.parseLong(m.group(1).substring(2), 16),
                    Direction.CLIENT_TO_SERVER);
            return true;
        }
        if ((m = CHOSEN.matcher(t)).find()) {
            event(l, Kind.CIPHER_SUITE, "chosen cipher suite", m.group(1),
                    m.group(2) == null ? null : Long.parseLong(m.group(2), 16), Direction.SERVER_TO_CLIENT);
            return true;
        }
        if ((m = SNI.matcher(t)).find()) {
            event(l, Kind.SERVER_NAME, "server name", m.group(1), null, Direction.CLIENT_TO_SERVER);
            return true;
        }
        if ((m = CERT_NAME.matcher(t)).find()) {
            event(l, Kind.CERTIFICATE, m.group(1) + " name", m.group(2), null, Direction.SERVER_TO_CLIENT);
            return true;
        }
        if ((m = EMULATED.matcher(t)).find()) {
            event(l, Kind.ERROR, "requesting more data than fits", null, Long.parseLong(m.group(1)), Direction.SERVER_TO_CLIENT);
            return true;
        }
        if (t.startsWith("bad message length") || t.startsWith("requesting more data than fits")
                || t.startsWith("is a fatal alert message") || t.equals("is a close notify message")
                || t.startsWith("ssl_fetch_input") || t.equals("handshake: done")) {
            Kind k = t.startsWith("is a") ? Kind.ALERT : t.startsWith("handshake") ? Kind.STATE : Kind.ERROR;
            event(l, k, t, null, null, null);
            return true;
        }
        if ((m = STEP.matcher(t)).find() && (mbed || m.start() == 0 || isStepName(m.group(2)))) {
            step(l, m.group(1), m.group(2).trim());
            return true;
        }
        if (mbed) {
            boolean bad = !t.startsWith("<") && t.matches("(?i).*\\b(bad|invalid|fail\\w*|error|mismatch|unknown|unsupported|not|refused|expired)\\b.*");
            event(l, bad ? Kind.ERROR : Kind.INFO, t, null, null, null);
            return true;
        }
        return false;
    }

    /** Step names that are mbedTLS's own even in a line an application print ran into. */
    private static boolean isStepName(String s) {
        return s.startsWith("handshake") || s.startsWith("write ") || s.startsWith("parse ") || s.startsWith("read")
                || s.startsWith("fetch input") || s.startsWith("flush output") || s.equals("write");
    }

    private void step(CleanLine l, String arrow, String what) {
        LogConnection c = what.equals("write client hello") && arrow.equals("=>") ? p.clientHello(l, false) : p.connection(l);
        ConnState s = p.state(c);
        if (what.equals("write")) {
            s.inWrite = arrow.equals("=>");
        }
        Direction dir = what.startsWith("write") || what.startsWith("flush") || what.startsWith("send")
                ? Direction.CLIENT_TO_SERVER
                : what.startsWith("parse") || what.startsWith("read") || what.startsWith("fetch") ? Direction.SERVER_TO_CLIENT : null;
        p.event(l, Source.MBEDTLS, Kind.STEP, arrow + " " + what, null, null, dir, c);
    }

    private boolean returned(CleanLine l, Matcher m) {
        String fn = m.group(1).trim();
        long value;
        try {
            value = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return false;
        }
        if (fn.contains("f_recv") || fn.contains("f_send")) {
            event(l, Kind.IO, fn.contains("f_recv") ? "f_recv" : "f_send", null, value,
                    fn.contains("f_recv") ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER);
        } else {
            event(l, Kind.RETURN_CODE, fn, Codes.mbedTls(value), value, null);
        }
        return true;
    }

    private void event(CleanLine l, Kind kind, String name, String detail, Long code, Direction dir) {
        p.event(l, Source.MBEDTLS, kind, name, detail, code, dir, p.connection(l));
    }
}
