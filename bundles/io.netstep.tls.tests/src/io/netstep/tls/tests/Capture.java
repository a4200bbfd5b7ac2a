package io.netstep.tls.tests;

import io.netstep.tls.Direction;
import io.netstep.tls.KeyLog;
import io.netstep.tls.TlsConnectionDecoder;
import io.netstep.tls.TlsEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Both directions of one TCP connection as they arrived (chunks in arrival order) and its key log. */
final class Capture {
    record Chunk(Direction direction, byte[] bytes) {
    }

    final List<Chunk> chunks = new ArrayList<>();
    String keyLogText = "";

    synchronized void add(Direction d, byte[] b) {
        chunks.add(new Chunk(d, b));
    }

    byte[] stream(Direction d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : chunks) {
            if (c.direction() == d) {
                out.writeBytes(c.bytes());
            }
        }
        return out.toByteArray();
    }

    /** Decodes the chunks as they arrived, with the key log if {@code withKeys}. */
    TlsConnectionDecoder decode(boolean withKeys) {
        TlsConnectionDecoder d = new TlsConnectionDecoder();
        if (withKeys) {
            d.setKeyLog(KeyLog.parse(keyLogText));
        }
        for (Chunk c : chunks) {
            d.feed(c.direction(), c.bytes());
        }
        d.finish();
        return d;
    }

    static List<String> summaries(List<TlsEvent> events) {
        List<String> out = new ArrayList<>();
        for (TlsEvent e : events) {
            out.add(e.summary() + " | " + e.clientState() + " / " + e.serverState());
        }
        return out;
    }
}
