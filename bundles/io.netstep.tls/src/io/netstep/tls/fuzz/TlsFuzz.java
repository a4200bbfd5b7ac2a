package io.netstep.tls.fuzz;

import io.netstep.tls.Direction;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;

/**
 * Jazzer entry point: the input is split into a client→server and a server→client stream, fed
 * interleaved in chunks whose sizes come from the input itself. A key log holds secrets for the
 * all-zero client random so the decryption paths are reachable. Any exception escaping the
 * decoder is a finding.
 */
public final class TlsFuzz {
    private static final String ZERO = "00".repeat(32);
    private static final KeyLog KEYS = KeyLog.parse(String.join("\n",
            "CLIENT_RANDOM " + ZERO + " " + "11".repeat(48),
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + ZERO + " " + "22".repeat(32),
            "SERVER_HANDSHAKE_TRAFFIC_SECRET " + ZERO + " " + "33".repeat(32),
            "CLIENT_TRAFFIC_SECRET_0 " + ZERO + " " + "44".repeat(32),
            "SERVER_TRAFFIC_SECRET_0 " + ZERO + " " + "55".repeat(32)));

    private TlsFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length < 3) {
            return;
        }
        int split = ((data[0] & 0xff) << 8 | (data[1] & 0xff)) % (data.length - 2 + 1);
        int chunkSeed = data[2] & 0xff;
        byte[] body = java.util.Arrays.copyOfRange(data, 3, data.length);
        TlsConnectionDecoder decoder = new TlsConnectionDecoder();
        decoder.setKeyLog(KEYS);
        decoder.setAwaitKeys((chunkSeed & 0x80) != 0);
        int[] pos = {0, Math.min(split, body.length)};
        int[] end = {pos[1], body.length};
        int round = 0;
        while (pos[0] < end[0] || pos[1] < end[1]) {
            int dir = (round + chunkSeed) % 2;
            if (pos[dir] >= end[dir]) {
                dir = 1 - dir;
            }
            // Chunk sizes 1..64 driven by the bytes being fed, so the fuzzer controls them too.
            int size = 1 + ((body[pos[dir]] & 0xff) ^ chunkSeed ^ round) % 64;
            int n = Math.min(size, end[dir] - pos[dir]);
            decoder.feed(dir == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, body, pos[dir], n);
            pos[dir] += n;
            round++;
            if (round % 7 == 0) {
                decoder.keysUpdated();
            }
        }
        decoder.finish();
        for (TlsEvent e : decoder.drainEvents()) {
            e.summary();
            e.fields().dump();
        }
        decoder.sni();
        decoder.offeredCipherSuites();
        decoder.clientSentEmptyCertificate();
    }
}
