package io.netstep.debug.ui.breakpoints;

import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.session.diagnosis.Confidence;
import io.netstep.w5500.Registers;

import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The names the breakpoint forms offer (RFC, spec and datasheet names) and the controls they are made of. */
final class FormControls {

    private FormControls() { }

    static final String ANY = "(any)";

    static final String[] HANDSHAKE_TYPES = {"ClientHello", "ServerHello", "HelloVerifyRequest", "NewSessionTicket",
        "EndOfEarlyData", "EncryptedExtensions", "Certificate", "ServerKeyExchange", "CertificateRequest",
        "ServerHelloDone", "CertificateVerify", "ClientKeyExchange", "Finished", "CertificateStatus", "KeyUpdate",
        "ChangeCipherSpec"};
    static final String[] ALERTS = {ANY, "close_notify", "unexpected_message", "bad_record_mac", "record_overflow",
        "handshake_failure", "bad_certificate", "unsupported_certificate", "certificate_revoked", "certificate_expired",
        "certificate_unknown", "illegal_parameter", "unknown_ca", "access_denied", "decode_error", "decrypt_error",
        "protocol_version", "insufficient_security", "internal_error", "inappropriate_fallback", "user_canceled",
        "missing_extension", "unsupported_extension", "unrecognized_name", "bad_certificate_status_response",
        "unknown_psk_identity", "certificate_required", "no_application_protocol"};
    static final String[] HANDSHAKE_STATES = {"START", "WAIT_CERTIFICATE", "WAIT_CERT", "WAIT_CV",
        "WAIT_SERVER_HELLO_DONE", "WAIT_CLIENT_KEY_EXCHANGE", "WAIT_CHANGE_CIPHER_SPEC", "WAIT_FLIGHT2",
        "WAIT_FINISHED", "CONNECTED", "CLOSED"};
    static final String[] SIDES = {"either side", "client", "server"};
    static final String[] MQTT_TYPES = {"CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
        "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};
    static final int[] STATES = {Registers.SOCK_CLOSED, Registers.SOCK_INIT, Registers.SOCK_LISTEN,
        Registers.SOCK_SYNSENT, Registers.SOCK_SYNRECV, Registers.SOCK_ESTABLISHED, Registers.SOCK_FIN_WAIT,
        Registers.SOCK_CLOSING, Registers.SOCK_TIME_WAIT, Registers.SOCK_CLOSE_WAIT, Registers.SOCK_LAST_ACK,
        Registers.SOCK_UDP, Registers.SOCK_IPRAW, Registers.SOCK_MACRAW};
    static final int[] COMMANDS = {Registers.Sn_CR_OPEN, Registers.Sn_CR_LISTEN, Registers.Sn_CR_CONNECT,
        Registers.Sn_CR_DISCON, Registers.Sn_CR_CLOSE, Registers.Sn_CR_SEND, Registers.Sn_CR_SEND_MAC,
        Registers.Sn_CR_SEND_KEEP, Registers.Sn_CR_RECV};
    static final String[] SOCKETS = {"any socket", "socket 0", "socket 1", "socket 2", "socket 3", "socket 4",
        "socket 5", "socket 6", "socket 7"};
    static final String[] DIAGNOSES = diagnosisIds();

    private static String[] diagnosisIds() {
        String[] ids = new String[17];
        ids[0] = ANY;
        for (int i = 1; i <= 16; i++) {
            ids[i] = "F" + i;
        }
        return ids;
    }

    static Combo combo(Composite parent, String label, String[] items, boolean editable, Runnable changed) {
        new Label(parent, SWT.NONE).setText(label);
        Combo c = new Combo(parent, editable ? SWT.DROP_DOWN : SWT.READ_ONLY);
        c.setItems(items);
        c.setVisibleItemCount(Math.min(items.length, 16));
        c.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(c);
        c.addListener(SWT.Selection, e -> changed.run());
        c.addListener(SWT.Modify, e -> changed.run());
        return c;
    }

    static Composite grid(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(c);
        return c;
    }

    static String text(Combo c) {
        return c.getText().trim();
    }

    static String optional(Combo c) {
        String t = text(c);
        return t.equals(ANY) ? "" : t;
    }

    static void show(Combo c, String value) {
        String v = value == null || value.isEmpty() ? (c.getItemCount() > 0 && c.getItem(0).equals(ANY) ? ANY : "") : value;
        int i = c.indexOf(v);
        if (i >= 0) {
            c.select(i);
        } else {
            c.setText(v);
        }
    }

    static int socket(Combo c) {
        return c.getSelectionIndex() - 1; // 0 = any = -1
    }

    static void showSocket(Combo c, int socket) {
        c.select(socket == NetStepBreakpoint.ANY_SOCKET ? 0 : socket + 1);
    }

    static String[] names(int[] codes, Function<Integer, String> name) {
        String[] s = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            s[i] = name.apply(codes[i]);
        }
        return s;
    }

    static String[] names(Confidence[] values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = values[i].name().toLowerCase(java.util.Locale.ROOT);
        }
        return s;
    }

    static int indexOf(int[] codes, int code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return 0;
    }

    /** An identifier-like name: letters, digits, '_' (RFC and spec names). */
    static String nameProblem(String what, String v, boolean required) {
        if (v.isEmpty()) {
            return required ? "Choose the " + what : null;
        }
        return v.matches("[A-Za-z0-9_]+") ? null : "The " + what + " \"" + v + "\" is not a name (letters, digits, '_')";
    }
}
