package io.netstep.tls.internal;

import io.netstep.tls.Extensions;
import io.netstep.tls.Field;
import io.netstep.tls.names.NameTable;
import io.netstep.tls.names.TlsNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an extensions vector (RFC 8446 section 4.2 and the RFCs of each extension). A
 * malformed extension is reported and skipped; its neighbours still parse.
 */
public final class ExtensionParser {
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int HELLO_RETRY_REQUEST = -2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int CERTIFICATE_REQUEST = 13;

    private final int context;
    private final List<String> problems;
    private final List<Integer> types = new ArrayList<>();
    private String serverName;
    private final List<String> alpn = new ArrayList<>();
    private final List<Integer> versions = new ArrayList<>();
    private final List<Integer> groups = new ArrayList<>();
    private final List<Integer> sigAlgs = new ArrayList<>();
    private final List<Integer> keyShares = new ArrayList<>();
    private final List<Integer> pointFormats = new ArrayList<>();
    private final List<Integer> pskModes = new ArrayList<>();
    private int maxFragmentLength = -1;
    private int recordSizeLimit = -1;
    private int pskIdentities;

    /**
     * @param context the handshake type carrying the extensions (HELLO_RETRY_REQUEST for HRR)
     * @param problems receives one line per malformed extension
     */
    public ExtensionParser(int context, List<String> problems) {
        this.context = context;
        this.problems = problems;
    }

    /** Parses {@code Extension extensions<lo..hi>} at the cursor. */
    public Extensions parse(Cursor c, int min, int max) {
        Cursor list = c.vector("extensions", 2, min, max);
        while (list.hasRemaining()) {
            int start = list.position();
            Cursor ext;
            int type;
            try {
                if (list.remaining() < 4) {
                    throw new DecodeException(list.remaining() + " bytes left, an Extension needs 4");
                }
                byte[] b = list.buffer();
                int len = (b[start + 2] & 0xff) << 8 | (b[start + 3] & 0xff);
                type = (b[start] & 0xff) << 8 | (b[start + 1] & 0xff);
                if (len > list.remaining() - 4) {
                    throw new DecodeException("extension " + TlsNames.EXTENSION_TYPES.name(type) + ": length " + len
                            + " exceeds the " + (list.remaining() - 4) + " bytes left");
                }
                Cursor whole = list.struct("Extension", 4 + len);
                whole.parent().setValue(TlsNames.EXTENSION_TYPES.name(type));
                whole.u16("extension_type", TlsNames.EXTENSION_TYPES::display);
                whole.u16("extension_data length");
                ext = whole.struct("extension_data", len);
            } catch (DecodeException e) {
                problems.add("extensions: " + e.getMessage());
                return build();
            }
            types.add(type);
            try {
                parseOne(type, ext);
                if (ext.hasRemaining()) {
                    throw new DecodeException(ext.remaining() + " trailing bytes");
                }
            } catch (DecodeException e) {
                problems.add("extension " + TlsNames.EXTENSION_TYPES.name(type) + " at byte " + start + ": "
                        + e.getMessage());
            }
        }
        return build();
    }

    private Extensions build() {
        boolean etm = types.contains(22);
        return new Extensions(List.copyOf(types), serverName, List.copyOf(alpn), List.copyOf(versions),
                List.copyOf(groups), List.copyOf(sigAlgs), List.copyOf(keyShares), List.copyOf(pointFormats),
                List.copyOf(pskModes), maxFragmentLength, recordSizeLimit, etm, types.contains(23),
                types.contains(35), types.contains(65281), types.contains(5), types.contains(42), pskIdentities);
    }

    private void u16List(Cursor c, String name, int lenBytes, int min, int max, String item, NameTable names,
            List<Integer> out) {
        Cursor v = c.vector(name, lenBytes, min, max);
        while (v.hasRemaining()) {
            out.add(v.u16(item, names::display));
        }
    }

    private void parseOne(int type, Cursor c) {
        boolean ch = context == CLIENT_HELLO;
        switch (type) {
            case 0: // server_name, RFC 6066 section 3
                if (!c.hasRemaining()) {
                    return; // server's empty acknowledgement
                }
                Cursor list = c.vector("server_name_list", 2, 1, 0xffff);
                while (list.hasRemaining()) {
                    Cursor sn = list.struct("ServerName", list.remaining());
                    int nameType = sn.u8("name_type", v -> v == 0 ? "host_name (0)" : "unknown(" + v + ")");
                    byte[] host = sn.opaque("host_name", 2, 1, 0xffff);
                    String h = new String(host, StandardCharsets.US_ASCII);
                    sn.parent().children().get(sn.parent().children().size() - 1).setValue(h);
                    if (nameType == 0 && serverName == null) {
                        serverName = h;
                    }
                    sn.expectEnd("ServerName");
                }
                return;
            case 1: // max_fragment_length, RFC 6066 section 4
                maxFragmentLength = c.u8("max_fragment_length", TlsNames.MAX_FRAGMENT_LENGTHS::display);
                return;
            case 5: // status_request, RFC 6066 section 8
                if (!c.hasRemaining()) {
                    return;
                }
                int statusType = c.u8("status_type", TlsNames.CERTIFICATE_STATUS_TYPES::display);
                if (context == CERTIFICATE) {
                    c.opaque("OCSPResponse", 3, 1, 0xffffff);
                } else if (statusType == 1) {
                    c.opaque("responder_id_list", 2, 0, 0xffff);
                    c.opaque("request_extensions", 2, 0, 0xffff);
                } else {
                    c.bytes("request", c.remaining());
                }
                return;
            case 10: // supported_groups, RFC 8446 section 4.2.7
                u16List(c, "named_group_list", 2, 2, 0xffff, "NamedGroup", TlsNames.NAMED_GROUPS, groups);
                return;
            case 11: { // ec_point_formats, RFC 8422 section 5.1.2
                Cursor v = c.vector("ec_point_format_list", 1, 1, 0xff);
                while (v.hasRemaining()) {
                    pointFormats.add(v.u8("ECPointFormat", TlsNames.EC_POINT_FORMATS::display));
                }
                return;
            }
            case 13: // signature_algorithms, RFC 8446 section 4.2.3
            case 50: // signature_algorithms_cert
                u16List(c, "supported_signature_algorithms", 2, 2, 0xfffe, "SignatureScheme",
                        TlsNames.SIGNATURE_SCHEMES, type == 13 ? sigAlgs : new ArrayList<>());
                return;
            case 15: // heartbeat, RFC 6520
                c.u8("mode", v -> v == 1 ? "peer_allowed_to_send" : v == 2 ? "peer_not_allowed_to_send" : "" + v);
                return;
            case 16: { // ALPN, RFC 7301
                Cursor v = c.vector("protocol_name_list", 2, 2, 0xffff);
                while (v.hasRemaining()) {
                    byte[] p = v.opaque("ProtocolName", 1, 1, 0xff);
                    String name = new String(p, StandardCharsets.US_ASCII);
                    v.parent().children().get(v.parent().children().size() - 1).setValue(name);
                    alpn.add(name);
                }
                return;
            }
            case 21: // padding, RFC 7685
                c.bytes("padding", c.remaining());
                return;
            case 22: // encrypt_then_mac, RFC 7366
            case 23: // extended_master_secret, RFC 7627
            case 49: // post_handshake_auth
                return;
            case 28: // record_size_limit, RFC 8449
                recordSizeLimit = c.u16("RecordSizeLimit");
                return;
            case 35: // session_ticket, RFC 5077
                if (c.hasRemaining()) {
                    c.bytes("ticket", c.remaining());
                }
                return;
            case 41: // pre_shared_key, RFC 8446 section 4.2.11
                if (ch) {
                    Cursor ids = c.vector("identities", 2, 7, 0xffff);
                    while (ids.hasRemaining()) {
                        int start = ids.position();
                        byte[] identity = ids.opaque("identity", 2, 1, 0xffff);
                        ids.u32("obfuscated_ticket_age");
                        ids.field("PskIdentity", identity.length + "-byte identity", start, ids.position() - start);
                        pskIdentities++;
                    }
                    Cursor binders = c.vector("binders", 2, 33, 0xffff);
                    while (binders.hasRemaining()) {
                        binders.opaque("PskBinderEntry", 1, 32, 255);
                    }
                } else {
                    c.u16("selected_identity");
                    pskIdentities = 1;
                }
                return;
            case 42: // early_data
                if (context == NEW_SESSION_TICKET) {
                    c.u32("max_early_data_size");
                }
                return;
            case 43: // supported_versions, RFC 8446 section 4.2.1
                if (ch) {
                    Cursor v = c.vector("versions", 1, 2, 254);
                    while (v.hasRemaining()) {
                        versions.add(v.u16("ProtocolVersion", ExtensionParser::version));
                    }
                } else {
                    versions.add(c.u16("selected_version", ExtensionParser::version));
                }
                return;
            case 44: // cookie
                c.opaque("cookie", 2, 1, 0xffff);
                return;
            case 45: { // psk_key_exchange_modes
                Cursor v = c.vector("ke_modes", 1, 1, 255);
                while (v.hasRemaining()) {
                    pskModes.add(v.u8("PskKeyExchangeMode", TlsNames.PSK_KEY_EXCHANGE_MODES::display));
                }
                return;
            }
            case 51: // key_share, RFC 8446 section 4.2.8
                if (ch) {
                    Cursor v = c.vector("client_shares", 2, 0, 0xffff);
                    while (v.hasRemaining()) {
                        keyShareEntry(v);
                    }
                } else if (context == HELLO_RETRY_REQUEST) {
                    keyShares.add(c.u16("selected_group", TlsNames.NAMED_GROUPS::display));
                } else {
                    keyShareEntry(c);
                }
                return;
            case 65281: // renegotiation_info, RFC 5746
                c.opaque("renegotiated_connection", 1, 0, 255);
                return;
            default:
                if (c.hasRemaining()) {
                    c.bytes("extension_data", c.remaining());
                }
        }
    }

    private void keyShareEntry(Cursor c) {
        int start = c.position();
        int group = c.u16("group", TlsNames.NAMED_GROUPS::display);
        byte[] key = c.opaque("key_exchange", 2, 1, 0xffff);
        c.field("KeyShareEntry", TlsNames.NAMED_GROUPS.name(group) + ", " + key.length + " bytes", start,
                c.position() - start);
        keyShares.add(group);
    }

    static String version(int v) {
        if (NameTable.isGrease(v)) {
            return "GREASE (" + Hex.u16(v) + ")";
        }
        return TlsNames.VERSIONS.display(v);
    }

    /** Convenience for callers that only need the field of an extension list. */
    public static Field lastChild(Field f) {
        return f.children().isEmpty() ? null : f.children().get(f.children().size() - 1);
    }
}
