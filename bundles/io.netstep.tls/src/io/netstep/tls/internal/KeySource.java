package io.netstep.tls.internal;

import io.netstep.tls.KeyLog;
import io.netstep.tls.names.TlsNames;

/**
 * Builds the record protection of one direction and epoch from key log secrets: TLS 1.2
 * master secret + key expansion, or TLS 1.3 traffic secrets (+ KeyUpdate generations).
 */
public final class KeySource {
    public enum Epoch { PLAINTEXT, TLS12, TLS13_HANDSHAKE, TLS13_APPLICATION }

    /** Either a protection, or why there is none ({@code unsupported} = no key will ever help). */
    public record Result(RecordProtection protection, boolean unsupported, String reason) {
    }

    private KeySource() {
    }

    public static Result build(KeyLog log, Epoch epoch, int generation, boolean clientWrites, byte[] clientRandom,
            byte[] serverRandom, int suiteCode, boolean encryptThenMac) {
        SuiteParameters suite = SuiteParameters.of(suiteCode);
        if (suite == null) {
            return new Result(null, true, "decryption of " + TlsNames.cipherSuite(suiteCode) + " is not supported");
        }
        if (log == null) {
            return new Result(null, false, "no key log given");
        }
        if (clientRandom == null) {
            return new Result(null, false, "no ClientHello seen, so no client random to look up keys by");
        }
        switch (epoch) {
            case TLS12: {
                byte[] master = log.secret(KeyLog.CLIENT_RANDOM, clientRandom);
                if (master == null) {
                    return missing(KeyLog.CLIENT_RANDOM, clientRandom);
                }
                if (serverRandom == null) {
                    return new Result(null, false, "no ServerHello seen, so no server random");
                }
                if (suite.tls13()) {
                    return new Result(null, true, "TLS 1.3 suite in a TLS 1.2 epoch");
                }
                Tls12KeySchedule.DirectionKeys k = Tls12KeySchedule.keys(suite, master, clientRandom,
                        serverRandom)[clientWrites ? 0 : 1];
                if (suite.kind() == SuiteParameters.CipherKind.AES_CBC) {
                    return new Result(new CbcProtection(suite, k.key(), k.macKey(), encryptThenMac), false, null);
                }
                return new Result(new AeadProtection(suite, k.key(), k.iv()), false, null);
            }
            case TLS13_HANDSHAKE:
            case TLS13_APPLICATION: {
                if (!suite.tls13()) {
                    return new Result(null, true, suite.name() + " is not a TLS 1.3 suite");
                }
                String label = epoch == Epoch.TLS13_HANDSHAKE
                        ? (clientWrites ? KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET : KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET)
                        : (clientWrites ? KeyLog.CLIENT_TRAFFIC_SECRET_0 : KeyLog.SERVER_TRAFFIC_SECRET_0);
                byte[] secret = log.secret(label, clientRandom);
                if (secret == null) {
                    return missing(label, clientRandom);
                }
                for (int i = 0; i < generation; i++) {
                    secret = Tls13KeySchedule.nextTrafficSecret(suite, secret);
                }
                byte[][] keyIv = Tls13KeySchedule.trafficKeys(suite, secret);
                return new Result(new AeadProtection(suite, keyIv[0], keyIv[1]), false, null);
            }
            default:
                return new Result(null, true, "epoch " + epoch + " has no keys");
        }
    }

    private static Result missing(String label, byte[] clientRandom) {
        return new Result(null, false, "key log has no " + label + " for client_random "
                + Hex.of(clientRandom, 0, 8) + "…");
    }
}
