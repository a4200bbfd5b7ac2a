package io.netstep.mqtt.fuzz;

import io.netstep.mqtt.Direction;
import io.netstep.mqtt.MqttConnection;
import io.netstep.mqtt.MqttField;
import io.netstep.mqtt.MqttPacket;
import io.netstep.mqtt.MqttStreamDecoder;
import io.netstep.mqtt.MqttViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz entry point (Jazzer's {@code fuzzerTestOneInput} convention; no Jazzer dependency here).
 * The first byte chooses the chunking, the second the direction and protocol level, the rest
 * is the stream. Checks: nothing thrown, the chunked decode equals the one-shot decode, packets
 * tile the stream from offset 0, every field and violation lies inside its packet.
 */
public final class MqttFuzz {

    /** Fuzzing keeps packets small so that memory stays bounded whatever the input claims. */
    static final int MAX_PACKET = 1 << 20;

    private MqttFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int chunking = data[0] & 0xFF;
        int mode = data[1] & 0xFF;
        byte[] stream = Arrays.copyOfRange(data, 2, data.length);
        Direction dir = (mode & 1) == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        int level = new int[] {0, 4, 5, 0}[(mode >> 1) & 3];
        check(stream, dir, level, chunking);
    }

    /** Decodes the stream whole and in chunks chosen by {@code seed}; throws {@link IllegalStateException} on a broken invariant. */
    public static List<MqttPacket> check(byte[] stream, Direction dir, int level, long seed) {
        List<MqttPacket> whole = decode(stream, dir, level, new int[] {stream.length});
        List<MqttPacket> chunked = decode(stream, dir, level, chunks(stream.length, seed));
        if (whole.size() != chunked.size()) {
            throw new IllegalStateException("chunking changed the packet count: " + whole.size() + " vs " + chunked.size());
        }
        for (int i = 0; i < whole.size(); i++) {
            if (!whole.get(i).equals(chunked.get(i))) {
                throw new IllegalStateException("chunking changed packet " + i + ":\n" + whole.get(i).text() + "vs\n"
                        + chunked.get(i).text());
            }
        }
        long expected = 0;
        for (MqttPacket p : whole) {
            if (p.streamOffset() != expected) {
                throw new IllegalStateException("packet at " + p.streamOffset() + ", expected " + expected);
            }
            expected += p.length();
            if (expected > stream.length) {
                throw new IllegalStateException("packet ends at " + expected + " beyond the stream of " + stream.length);
            }
            int limit = p.bodyKept() ? p.length() : p.headerLength();
            for (MqttField f : p.fields()) {
                inside(f, limit, p);
            }
            for (MqttViolation v : p.violations()) {
                if (v.offset() < 0 || v.length() < 0 || v.offset() + v.length() > p.length()
                        || v.streamOffset() != p.streamOffset() + v.offset()) {
                    throw new IllegalStateException("violation outside its packet: " + v + " in " + p);
                }
            }
        }
        return whole;
    }

    private static void inside(MqttField f, int limit, MqttPacket p) {
        if (f.offset() < 0 || f.length() < 0 || f.offset() + f.length() > limit) {
            throw new IllegalStateException("field outside its packet: " + f + " in " + p);
        }
        for (MqttField c : f.children()) {
            inside(c, limit, p);
        }
    }

    static List<MqttPacket> decode(byte[] stream, Direction dir, int level, int[] chunks) {
        MqttConnection c = new MqttConnection(level, MAX_PACKET);
        MqttStreamDecoder d = c.decoder(dir);
        List<MqttPacket> out = new ArrayList<>();
        int at = 0;
        for (int n : chunks) {
            out.addAll(d.feed(stream, at, n));
            at += n;
        }
        d.endOfStream();
        return out;
    }

    /** Chunk sizes from a small LCG: mostly tiny chunks (1-8 bytes), sometimes larger ones. */
    static int[] chunks(int length, long seed) {
        List<Integer> sizes = new ArrayList<>();
        long x = seed * 6364136223846793005L + 1442695040888963407L;
        int left = length;
        while (left > 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int r = (int) (x >>> 33);
            int n = (r & 7) == 0 ? 1 + (r >>> 3) % 512 : 1 + (r >>> 3) % 8;
            n = Math.min(n, left);
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
