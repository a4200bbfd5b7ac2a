package io.netstep.bench;

import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttPacket;
import io.netstep.session.capture.Capture;
import io.netstep.session.capture.CaptureReader;
import io.netstep.tls.ApplicationData;
import io.netstep.tls.Direction;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NetStep side of bench/decode/run.sh: reads a pcapng with NetStep's capture reader, runs
 * the TLS decoder with the key log of its Decryption Secrets Block (decrypting every record)
 * and the MQTT decoder on the plaintext, and counts the MQTT packets. Each run starts from
 * the file's bytes in memory (the page cache serves tshark the same way); warm-up runs first,
 * then timed runs, of which the median is printed as one line of key=value pairs.
 *
 * <pre>java -cp 'releng/fuzz/target/classes:releng/fuzz/target/lib/*' io.netstep.bench.DecodeBench FILE [WARMUP] [RUNS]</pre>
 */
public final class DecodeBench {

    private DecodeBench() {
    }

    /** What one decode produced. */
    record Result(long mqttPackets, long decryptedRecords, long plaintextBytes, Map<String, Long> byType) {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        byte[] bytes = Files.readAllBytes(file);
        Result first = null;
        for (int i = 0; i < warmup; i++) {
            first = decode(bytes);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Result r = decode(bytes);
            nanos[i] = System.nanoTime() - t0;
            if (first != null && !r.equals(first)) {
                throw new IllegalStateException("runs disagree: " + first + " vs " + r);
            }
            first = r;
        }
        java.util.Arrays.sort(nanos);
        double seconds = nanos[runs / 2] / 1e9;
        System.out.printf(java.util.Locale.ROOT,
                "netstep file_bytes=%d mqtt_packets=%d decrypted_records=%d plaintext_bytes=%d median_s=%.4f"
                        + " min_s=%.4f max_s=%.4f MB_per_s=%.2f packets_per_s=%.0f runs=%d warmup=%d types=%s%n",
                bytes.length, first.mqttPackets(), first.decryptedRecords(), first.plaintextBytes(), seconds,
                nanos[0] / 1e9, nanos[runs - 1] / 1e9, bytes.length / 1e6 / seconds, first.mqttPackets() / seconds,
                runs, warmup, first.byType());
    }

    static Result decode(byte[] pcapng) throws Exception {
        Capture capture = CaptureReader.read(pcapng);
        KeyLog keys = KeyLog.parse(String.join("\n", capture.keyLog()));
        long packets = 0;
        long records = 0;
        long plaintext = 0;
        Map<String, Long> byType = new TreeMap<>();
        for (Capture.TcpConnection tcp : capture.connections()) {
            TlsConnectionDecoder tls = new TlsConnectionDecoder();
            tls.setKeyLog(keys);
            MqttConnection mqtt = new MqttConnection();
            // Both directions in capture order: the client's first encrypted record needs the
            // server's ServerHello before it.
            List<Object[]> segments = new ArrayList<>();
            tcp.clientToServer().forEach(s -> segments.add(new Object[] {s, Direction.CLIENT_TO_SERVER}));
            tcp.serverToClient().forEach(s -> segments.add(new Object[] {s, Direction.SERVER_TO_CLIENT}));
            segments.sort(Comparator.comparingLong(o -> ((Capture.Segment) o[0]).timeNanos()));
            for (Object[] o : segments) {
                tls.feed((Direction) o[1], ((Capture.Segment) o[0]).bytes());
                for (TlsEvent e : tls.drainEvents()) {
                    if (e instanceof ApplicationData ad && ad.isDecrypted()) {
                        records++;
                        plaintext += ad.plaintext().length;
                        io.netstep.mqtt.Direction d = ad.direction() == Direction.CLIENT_TO_SERVER
                                ? io.netstep.mqtt.Direction.CLIENT_TO_SERVER
                                : io.netstep.mqtt.Direction.SERVER_TO_CLIENT;
                        for (MqttPacket p : mqtt.decoder(d).feed(ad.plaintext())) {
                            packets++;
                            byType.merge(p.type().toString(), 1L, Long::sum);
                        }
                    }
                }
            }
            tls.finish();
        }
        return new Result(packets, records, plaintext, byType);
    }
}
