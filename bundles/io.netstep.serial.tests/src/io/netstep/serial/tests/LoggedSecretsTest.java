package io.netstep.serial.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.serial.LogEvent;
import io.netstep.serial.LogProblem;
import io.netstep.serial.SerialLog;
import io.netstep.tls.KeyLog;
import org.junit.jupiter.api.Test;

/**
 * mbedTLS at debug level 3 dumps the client random and the master secret: the log's key log.
 * (Checked by hand on an unredacted capture: the secrets decrypted every record of the session
 * and the plaintext equalled the library's own 'input payload after decrypt' dumps; committed
 * logs are redacted, so here the values are made up.)
 */
class LoggedSecretsTest {

    private static String dump(String label, int from, int n) {
        StringBuilder sb = new StringBuilder("ssl_tls.c:1078: |3| 0x20001000: dumping '" + label + "' (" + n + " bytes)\n");
        for (int off = 0; off < n; off += 16) {
            sb.append(String.format("ssl_tls.c:1078: |3| 0x20001000: %04x: ", off));
            for (int i = off; i < Math.min(n, off + 16); i++) {
                sb.append(String.format(" %02x", (from + i) & 0xFF));
            }
            sb.append("  ................\n");
        }
        return sb.toString();
    }

    @Test
    void clientRandomAndMasterSecretBecomeAKeyLogAndNothingElse() {
        String text = "ssl_cli.c:0994: |2| 0x20001000: => write client hello\n" + dump("client hello, random bytes", 0x10, 32)
                + dump("master secret", 0xA0, 48) + "ssl_tls.c:5815: |2| 0x20001000: <= handshake\n";
        SerialLog log = SerialLog.parse(text);
        assertEquals(java.util.List.of(), log.problems());
        assertTrue(log.connections().get(0).hasSecrets());
        KeyLog keys = log.keyLog();
        byte[] random = new byte[32];
        byte[] master = new byte[48];
        for (int i = 0; i < 32; i++) {
            random[i] = (byte) (0x10 + i);
        }
        for (int i = 0; i < 48; i++) {
            master[i] = (byte) (0xA0 + i);
        }
        assertTrue(keys.hasConnection(random));
        assertArrayEquals(master, keys.secret(KeyLog.CLIENT_RANDOM, random));
        // the secret's bytes are in no event and no problem
        for (LogEvent e : log.events()) {
            assertFalse(e.toString().contains("a0 a1 a2") || e.text().contains("a0 a1 a2"), e.toString());
        }
        for (LogProblem p : log.problems()) {
            assertFalse(p.toString().contains("a0 a1 a2"));
        }
    }

    @Test
    void aCutSecretDumpGivesNoKeyAndRedactedLogsHaveNone() {
        String text = dump("client hello, random bytes", 0x10, 32) + dump("master secret", 0xA0, 48).lines().limit(3)
                .reduce("", (a, b) -> a + b + "\n");
        SerialLog log = SerialLog.parse(text);
        assertFalse(log.connections().get(0).hasSecrets());
        assertEquals(0, log.keyLog().connectionCount());
        assertTrue(log.problems().stream().anyMatch(p -> p.message().contains("'master secret' announced 48 bytes")));
        assertEquals(0, Logs.parse("mbedtls228-ok-level4.log").keyLog().connectionCount());
    }
}
