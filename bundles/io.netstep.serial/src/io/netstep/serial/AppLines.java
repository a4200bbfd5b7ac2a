package io.netstep.serial;

import io.netstep.mqtt.Direction;
import io.netstep.serial.Dump.Target;
import io.netstep.serial.LogEvent.Kind;
import io.netstep.serial.LogEvent.Source;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application prints worth keeping: MQTT client results ({@code MQTTConnect() returned: 255},
 * wolfMQTT {@code MqttClient_NetConnect, res: -6}), TLS results the application prints
 * ({@code ! mbedtls_ssl_handshake returned -29184}, {@code FAIL tls-handshake: ...}), the
 * negotiated suite, and raw socket dumps of the network glue ({@code Port:[0]/Send(66) :}).
 */
final class AppLines {

    private static final Pattern SOCKET_DUMP = Pattern.compile(
            "(?i)\\b(send|recv|tx|rx|write|read)\\s*\\((\\d{1,6})\\)(?:\\s*\\[(\\d{1,6})\\])?\\s*:\\s*$");
    private static final Pattern MQTT_RETURNED = Pattern.compile(
            "\\b(MQTT[A-Za-z_]{1,40})(?:\\(\\))?\\s*(?:returned|rc)\\s*[:=]?\\s*(-?\\d{1,11})");
    private static final Pattern WOLFMQTT = Pattern.compile("\\b(Mqtt[A-Za-z_]{1,60}), res: (-?\\d{1,11})");
    private static final Pattern MQTT_CYCLE = Pattern.compile("MQTT cycle Failed in state: (\\d{1,5}), error code: (-?\\d{1,11})");
    private static final Pattern CONNACK = Pattern.compile("^CONNACK rc=(\\d{1,3})$");
    private static final Pattern FAIL = Pattern.compile("^FAIL ([\\w\\-]{1,40}): (.{0,400})$");
    private static final Pattern HEX_CODE = Pattern.compile("(-0x[0-9a-fA-F]{1,8})\\b");
    private static final Pattern DEC_CODE = Pattern.compile("returned (-?\\d{1,11})\\b");
    private static final Pattern BANG_RETURNED = Pattern.compile(
            "^!?\\s*(\\w{1,80}) returned (-?(?:0x[0-9a-fA-F]{1,8}|\\d{1,11}))(?::|\\s|$)");
    private static final Pattern SUITE = Pattern.compile("(?:Ciphersuite is|TLSv1\\.[0-3])\\s+(TLS(?:13)?-[A-Z0-9\\-]{4,80})");
    private static final Pattern GLUE_ERROR = Pattern.compile("Error: (.{1,80}?), occurred in func: (\\w{1,80})");

    private final SerialLogParser p;

    AppLines(SerialLogParser p) {
        this.p = p;
    }

    boolean recognise(CleanLine l) {
        String t = l.text();
        Matcher m;
        if ((m = SOCKET_DUMP.matcher(t)).find()) {
            boolean out = m.group(1).equalsIgnoreCase("send") || m.group(1).equalsIgnoreCase("tx")
                    || m.group(1).equalsIgnoreCase("write");
            int n = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(2));
            p.openDump(l, t, out ? Target.SOCKET_OUT : Target.SOCKET_IN, n, false);
            return true;
        }
        boolean fail = false;
        if ((m = FAIL.matcher(t)).find()) {
            Long code = code(m.group(2));
            event(l, Kind.APPLICATION, "FAIL " + m.group(1), name(code), code);
            fail = true;
        }
        if ((m = MQTT_RETURNED.matcher(t)).find()) {
            event(l, Kind.MQTT, m.group(1), null, Long.parseLong(m.group(2)));
            return true;
        }
        if (fail) {
            return true;
        }
        if ((m = WOLFMQTT.matcher(t)).find()) {
            event(l, Kind.MQTT, m.group(1), null, Long.parseLong(m.group(2)));
            return true;
        }
        if ((m = MQTT_CYCLE.matcher(t)).find()) {
            event(l, Kind.MQTT, "MQTT cycle failed", "state " + m.group(1), Long.parseLong(m.group(2)));
            return true;
        }
        if ((m = CONNACK.matcher(t)).find()) {
            event(l, Kind.MQTT, "CONNACK", null, Long.parseLong(m.group(1)));
            return true;
        }
        if ((m = BANG_RETURNED.matcher(t)).find()) {
            String v = m.group(2);
            boolean neg = v.startsWith("-");
            String digits = neg ? v.substring(1) : v;
            long code = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
            code = neg ? -code : code;
            event(l, Kind.RETURN_CODE, m.group(1), name(code), code);
            return true;
        }
        if ((m = SUITE.matcher(t)).find()) {
            event(l, Kind.CIPHER_SUITE, "negotiated cipher suite", m.group(1), null);
            return true;
        }
        if ((m = GLUE_ERROR.matcher(t)).find()) {
            event(l, Kind.APPLICATION, "error in " + m.group(2), m.group(1), null);
            return true;
        }
        if (t.equalsIgnoreCase("failed") || t.equalsIgnoreCase("ok") || t.equalsIgnoreCase("Connection closed")) {
            event(l, Kind.APPLICATION, t.toLowerCase(), null, null);
            return true;
        }
        return false;
    }

    private static Long code(String s) {
        Matcher m = HEX_CODE.matcher(s);
        if (m.find()) {
            return -Long.parseLong(m.group(1).substring(3), 16);
        }
        m = DEC_CODE.matcher(s);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    private static String name(Long code) {
        if (code == null) {
            return null;
        }
        String n = Codes.mbedTls(code);
        return n != null ? n : Codes.wolfSsl(code);
    }

    private void event(CleanLine l, Kind kind, String name, String detail, Long code) {
        LogConnection c = p.currentConnection();
        p.event(l, Source.APPLICATION, kind, name, detail, code, (Direction) null, c);
    }
}
