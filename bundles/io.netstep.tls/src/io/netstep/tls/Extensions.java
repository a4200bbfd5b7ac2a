package io.netstep.tls;

import java.util.List;

/**
 * What the extensions of one handshake message said, for later layers. The full detail with
 * byte ranges is in the message's field tree; values absent from the message are empty lists,
 * null, -1 or false.
 *
 * @param types extension types in wire order
 * @param serverName server_name host_name (ClientHello), or null
 * @param alpnProtocols application_layer_protocol_negotiation protocol names
 * @param supportedVersions ClientHello's list, or the one selected_version of ServerHello / HRR
 * @param keyShareGroups groups of the key_share entries (HRR: the selected_group)
 * @param maxFragmentLength max_fragment_length code (1..4), or -1
 * @param recordSizeLimit record_size_limit, or -1
 * @param pskIdentities ClientHello: offered identities; ServerHello: 1 when a selected_identity was sent
 */
public record Extensions(List<Integer> types, String serverName, List<String> alpnProtocols,
        List<Integer> supportedVersions, List<Integer> supportedGroups, List<Integer> signatureAlgorithms,
        List<Integer> keyShareGroups, List<Integer> ecPointFormats, List<Integer> pskKeyExchangeModes,
        int maxFragmentLength, int recordSizeLimit, boolean encryptThenMac, boolean extendedMasterSecret,
        boolean sessionTicket, boolean renegotiationInfo, boolean statusRequest, boolean earlyData,
        int pskIdentities) {

    public static final Extensions NONE = new Extensions(List.of(), null, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), -1, -1, false, false, false, false, false, false, 0);

    public boolean has(int type) {
        return types.contains(type);
    }
}
