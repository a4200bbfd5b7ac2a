package io.netstep.session.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** F13 yield-never-reads: Sn_RX_RSR > 0, polled again and again, and the RX buffer is never read. */
final class YieldNeverReadsRule implements Rule {

    private static final int MIN_POLLS = 10;
    private static final long MIN_SPAN_NANOS = 1_000_000_000L;

    @Override
    public List<Diagnosis> check(SessionTrace t) {
        List<Diagnosis> out = new ArrayList<>();
        for (Connection k : t.connections) {
            // the longest run of polls seeing data, with no read of the RX buffer in between
            List<Connection.Poll> run = new ArrayList<>();
            List<Connection.Poll> best = List.of();
            List<ByteStream.Chunk> reads = k.consumed.chunks();
            int next = 0;
            long previous = 0;
            for (Connection.Poll p : k.polls) {
                boolean readSince = false;
                while (next < reads.size() && reads.get(next).seq() < p.seq()) {
                    readSince |= reads.get(next).seq() > previous;
                    next++;
                }
                previous = p.seq();
                if (p.value() == 0 || readSince) {
                    if (run.size() > best.size()) {
                        best = List.copyOf(run);
                    }
                    run.clear();
                }
                if (p.value() > 0) {
                    run.add(p);
                }
            }
            if (run.size() > best.size()) {
                best = List.copyOf(run);
            }
            if (best.size() < MIN_POLLS) {
                continue;
            }
            Connection.Poll first = best.get(0);
            Connection.Poll last = best.get(best.size() - 1);
            long span = last.time() - first.time();
            if (span < MIN_SPAN_NANOS) {
                continue;
            }
            long waitingFrom = k.consumed.length();
            ByteStream.Chunk arrival = k.arrived.chunkAt(waitingFrom);
            List<Evidence> ev = new ArrayList<>();
            if (arrival != null) {
                ev.add(new Evidence(arrival.seq(), arrival.time(), arrival.bytes().length + " bytes from the broker "
                        + "reached socket " + k.socket + "'s RX buffer (stream offset " + waitingFrom + ")"));
            }
            ev.add(new Evidence(first.seq(), first.time(), "Sn_RX_RSR = " + first.value() + ": the firmware sees the data"));
            ev.add(new Evidence(last.seq(), last.time(), "Sn_RX_RSR = " + last.value() + " still, after " + best.size()
                    + " polls over " + SessionTrace.seconds(span) + "; no read of the RX buffer and no Sn_CR RECV in between"));
            out.add(new Diagnosis("F13", "yield-never-reads", "data waits on socket " + k.socket + " and the read path never takes it",
                    Confidence.CERTAIN,
                    "the chip's registers show the data waiting (Sn_RX_RSR > 0) for " + SessionTrace.seconds(span)
                            + " while the firmware polled them " + best.size() + " times and never read",
                    "Data is waiting on socket " + k.socket + " since " + ev.get(0).time() + ". The firmware's "
                            + "read path looks at the socket but never consumes the data, so MQTTYield() spins and "
                            + "no packet arrives (e.g. a non-blocking recv() wrapper that always reports SOCK_BUSY, or "
                            + "a read gated on the wrong condition).",
                    ev,
                    "Make the MQTT read (Network.mqttread) take the bytes: ioLibrary recv(sn, buf, len) reads "
                            + "min(len, getSn_RX_RSR(sn)) from the RX buffer and issues Sn_CR RECV; with TLS call "
                            + "mbedtls_ssl_read() / wolfSSL_read(), whose receive callback calls recv(). Return the "
                            + "bytes read, and 0 / WANT_READ only when Sn_RX_RSR is 0.",
                    List.of()));
        }
        return out;
    }
}
