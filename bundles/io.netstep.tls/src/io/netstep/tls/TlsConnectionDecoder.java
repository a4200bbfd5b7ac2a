package io.netstep.tls;

import io.netstep.tls.internal.DecodeException;
import io.netstep.tls.internal.HandshakeParser;
import io.netstep.tls.internal.HandshakeReassembler;
import io.netstep.tls.internal.Hex;
import io.netstep.tls.internal.KeySource;
import io.netstep.tls.internal.KeySource.Epoch;
import io.netstep.tls.internal.OffsetMap;
import io.netstep.tls.internal.RecordFramer;
import io.netstep.tls.internal.RecordProtection;
import io.netstep.tls.names.TlsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes one TCP connection's two byte streams as TLS 1.2 / 1.3: records, handshake messages,
 * alerts, application data; decrypts with key log secrets when given. Feed each direction in
 * any chunking with {@link #feed}; events come out in order through the listener and
 * {@link #drainEvents()}. Hostile bytes never throw out of {@code feed}: they become
 * {@link TlsProblem} events. Not thread-safe: call from one thread.
 */
public final class TlsConnectionDecoder {
    private final DirectionState[] dirs = {new DirectionState(Direction.CLIENT_TO_SERVER),
        new DirectionState(Direction.SERVER_TO_CLIENT)};
    private final Negotiation negotiation = new Negotiation(this::changeEpoch);
    private final ContentDecoder contents = new ContentDecoder(negotiation, this::publish);
    private final List<TlsEvent> pending = new ArrayList<>();
    private Consumer<TlsEvent> listener;
    private KeyLog keyLog;
    private boolean awaitKeys;
    private long eventCount;

    public TlsConnectionDecoder() {
        for (DirectionState d : dirs) {
            d.framer = new RecordFramer(new RecordFramer.Sink() {
                @Override
                public void record(long wireOffset, int type, int version, byte[] fragment) {
                    onRecord(d, wireOffset, type, version, fragment);
                }

                @Override
                public void stop(long wireOffset, String reason) {
                    d.stopped = true;
                    publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, reason, wireOffset, true));
                }
            });
            d.reassembler = new HandshakeReassembler(new HandshakeReassembler.Sink() {
                @Override
                public void message(byte[] message, OffsetMap map, boolean decrypted) {
                    onHandshakeMessage(d, message, map, decrypted);
                }

                @Override
                public void problem(String reason, boolean stop) {
                    if (stop) {
                        d.stopped = true;
                    }
                    publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, reason, -1, stop));
                }
            });
        }
    }

    /**
     * Receives each event as it is decoded. With a listener set, events are no longer queued
     * for {@link #drainEvents()}, so a long session does not accumulate them twice.
     */
    public void setListener(Consumer<TlsEvent> listener) {
        this.listener = listener;
    }

    /** Secrets for decryption; may be set or extended at any time. */
    public void setKeyLog(KeyLog keyLog) {
        this.keyLog = keyLog;
    }

    public KeyLog keyLog() {
        return keyLog;
    }

    /**
     * When true, protected records whose keys are not in the key log yet are held back (up to
     * 1 MiB per direction) until {@link #keysUpdated()} finds them or {@link #finish()} is
     * called: for live sessions where the firmware exports secrets after the records arrived.
     */
    public void setAwaitKeys(boolean awaitKeys) {
        this.awaitKeys = awaitKeys;
    }

    /** Feeds bytes of one direction, in order. Never throws on content. */
    public void feed(Direction direction, byte[] data, int off, int len) {
        DirectionState d = dirs[direction.ordinal()];
        if (d.ended) {
            publish(new TlsProblem(direction, TlsProblem.Kind.VIOLATION, "bytes after the end of the stream",
                    d.framer.wireLength(), false));
            return;
        }
        guard(d, () -> d.framer.feed(data, off, len));
    }

    /** Runs decoder work; a decoder bug must not take the session down: report it and stop the direction. */
    private void guard(DirectionState d, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            d.stopped = true;
            publish(new TlsProblem(d.direction, TlsProblem.Kind.MALFORMED, "internal decoder error: " + e, -1, true));
        }
    }

    public void feed(Direction direction, byte[] data) {
        feed(direction, data, 0, data.length);
    }

    /**
     * Content of one record that was decrypted elsewhere (for example dumped by a TLS library's
     * debug log): decoded as if this decoder had decrypted it, with offsets in the DECRYPTED
     * byte space and no wire record behind it (record offset -1).
     */
    public void feedDecrypted(Direction direction, int contentType, byte[] content) {
        DirectionState d = dirs[direction.ordinal()];
        guard(d, () -> {
            long at = d.decrypted.length();
            d.decrypted.append(content, -1, -1);
            contents.content(d, contentType, content.clone(), ByteSpace.DECRYPTED, at, -1, -1, true);
        });
    }

    /** Call after adding key log lines: held-back records whose keys are now known are decoded. */
    public void keysUpdated() {
        for (DirectionState d : dirs) {
            guard(d, () -> drainParked(d, false));
        }
    }

    /** The stream of one direction ended (FIN / close): reports an incomplete record or message. */
    public void end(Direction direction) {
        DirectionState d = dirs[direction.ordinal()];
        if (d.ended) {
            return;
        }
        guard(d, () -> drainParked(d, true));
        d.ended = true;
        int[] h = d.framer.pendingHeader();
        if (d.framer.pending() > 0) {
            String what = h == null ? d.framer.pending() + " bytes of a record header"
                    : "a " + TlsNames.CONTENT_TYPES.name(h[0]) + " record announcing " + h[2] + " bytes, of which "
                            + (d.framer.pending() - 5) + " arrived";
            publish(new TlsProblem(direction, TlsProblem.Kind.TRUNCATED, "stream ended inside " + what,
                    d.framer.wireLength() - d.framer.pending(), true));
        } else if (d.reassembler.pending() > 0) {
            publish(new TlsProblem(direction, TlsProblem.Kind.TRUNCATED, "stream ended inside a handshake message ("
                    + d.reassembler.pending() + " bytes held)", -1, true));
        }
    }

    /** Ends both directions. */
    public void finish() {
        end(Direction.CLIENT_TO_SERVER);
        end(Direction.SERVER_TO_CLIENT);
    }

    /** Events decoded since the last call. */
    public List<TlsEvent> drainEvents() {
        List<TlsEvent> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    // ---- records ----

    private void onRecord(DirectionState d, long wireOffset, int type, int version, byte[] fragment) {
        if (d.stopped) {
            return; // stopped after a violation: nothing after it can be trusted
        }
        d.recordLengths.add(fragment.length);
        boolean protectedRecord = isProtected(d, type);
        // Once records are held back, everything after them waits too, so order is kept.
        if (!d.parked.isEmpty() || (protectedRecord && d.protection == null && awaitKeys && resolve(d) == null
                && !d.unsupportedReported)) {
            if (d.parkedBytes + fragment.length <= DirectionState.MAX_PARKED_BYTES) {
                d.parked.add(new DirectionState.Parked(wireOffset, type, version, fragment));
                d.parkedBytes += fragment.length;
                drainParked(d, false);
                return;
            }
            drainParked(d, true);
        }
        processRecord(d, wireOffset, type, version, fragment);
    }

    private boolean isProtected(DirectionState d, int type) {
        if (d.epoch == Epoch.PLAINTEXT) {
            return false;
        }
        if (d.epoch == Epoch.TLS12) {
            return true;
        }
        return type == 23; // TLS 1.3: only application_data records are protected; CCS stays plain
    }

    /** Tries to get keys for the direction's epoch; returns null when there are none (yet). */
    private RecordProtection resolve(DirectionState d) {
        if (d.protection != null || d.epoch == Epoch.PLAINTEXT || d.unsupportedReported) {
            return d.protection;
        }
        ClientHelloInfo ch = negotiation.clientHello;
        ServerHelloInfo sh = negotiation.serverHello;
        KeySource.Result r = KeySource.build(keyLog, d.epoch, d.generation, d.direction == Direction.CLIENT_TO_SERVER,
                ch == null ? null : ch.random(), sh == null ? null : sh.random(), sh == null ? -1 : sh.cipherSuite(),
                sh != null && sh.extensions().encryptThenMac() && ch != null && ch.extensions().encryptThenMac());
        if (r.protection() != null) {
            d.protection = r.protection();
            d.protection.startAt(d.recordsInEpoch);
            return d.protection;
        }
        if (r.unsupported()) {
            d.unsupportedReported = true;
            publish(new TlsProblem(d.direction, TlsProblem.Kind.UNSUPPORTED, r.reason(), -1, false));
        } else if (!d.noKeysReported && !awaitKeys) {
            d.noKeysReported = true;
            publish(new TlsProblem(d.direction, TlsProblem.Kind.NO_KEYS, d.epoch + " records: " + r.reason(), -1,
                    false));
        }
        return null;
    }

    private void drainParked(DirectionState d, boolean force) {
        while (!d.parked.isEmpty() && (force || resolve(d) != null)) {
            DirectionState.Parked p = d.parked.poll();
            d.parkedBytes -= p.fragment().length;
            if (force && d.protection == null && !d.noKeysReported) {
                boolean saved = awaitKeys;
                awaitKeys = false; // report the missing keys now
                resolve(d);
                awaitKeys = saved;
            }
            processRecord(d, p.wireOffset(), p.type(), p.version(), p.fragment());
        }
    }

    private void processRecord(DirectionState d, long wireOffset, int type, int version, byte[] fragment) {
        Field root = new Field("TLSRecord", TlsNames.CONTENT_TYPES.name(type),
                List.of(new ByteRange(ByteSpace.WIRE, wireOffset, 5 + fragment.length)));
        root.add(new Field("type", TlsNames.CONTENT_TYPES.display(type), wire(wireOffset, 1)));
        root.add(new Field("legacy_record_version", TlsNames.VERSIONS.display(version), wire(wireOffset + 1, 2)));
        root.add(new Field("length", Integer.toString(fragment.length), wire(wireOffset + 3, 2)));
        if (!isProtected(d, type)) {
            root.add(new Field("fragment", Hex.preview(fragment, 0, fragment.length, 32), wire(wireOffset + 5,
                    fragment.length)));
            publish(new TlsRecord(d.direction, root, wireOffset, type, version, fragment.length, false, -1, -1));
            checkPlainLength(d, wireOffset, type, fragment.length);
            contents.content(d, type, fragment, ByteSpace.WIRE, wireOffset + 5, wireOffset, -1, false);
            return;
        }
        root.add(new Field("encrypted_record", Hex.preview(fragment, 0, fragment.length, 32), wire(wireOffset + 5,
                fragment.length)));
        if (negotiation.tls13() && fragment.length > (1 << 14) + 256) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, "TLS 1.3 record of " + fragment.length
                    + " bytes exceeds 2^14+256 (record_overflow)", wireOffset, false));
        }
        RecordProtection p = resolve(d);
        d.recordsInEpoch++;
        if (p == null) {
            publish(new TlsRecord(d.direction, root, wireOffset, type, version, fragment.length, true, -1, -1));
            if (type == 23) {
                publish(new ApplicationData(d.direction, root, wireOffset, fragment.length, null, -1));
            }
            return;
        }
        RecordProtection.Opened opened;
        try {
            opened = p.open(type, version, fragment);
        } catch (RecordProtection.OpenException e) {
            publish(new TlsRecord(d.direction, root, wireOffset, type, version, fragment.length, true, -1,
                    e.sequenceNumber()));
            publish(new TlsProblem(d.direction, TlsProblem.Kind.DECRYPTION_FAILED, "record at wire offset "
                    + wireOffset + " (" + p.describe() + "): " + e.getMessage(), wireOffset, false));
            return;
        }
        long plainOffset = d.decrypted.length();
        d.decrypted.append(opened.content(), wireOffset, opened.sequenceNumber());
        root.add(new Field("plaintext", Hex.preview(opened.content(), 0, opened.content().length, 32),
                List.of(new ByteRange(ByteSpace.DECRYPTED, plainOffset, opened.content().length))));
        publish(new TlsRecord(d.direction, root, wireOffset, type, version, fragment.length, true,
                opened.contentType(), opened.sequenceNumber()));
        if (opened.content().length > 1 << 14) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, "plaintext of " + opened.content().length
                    + " bytes exceeds 2^14 (record_overflow)", wireOffset, false));
        }
        contents.content(d, opened.contentType(), opened.content(), ByteSpace.DECRYPTED, plainOffset, wireOffset,
                opened.sequenceNumber(), true);
    }

    private void checkPlainLength(DirectionState d, long wireOffset, int type, int length) {
        if (length > 1 << 14) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, "TLSPlaintext of " + length
                    + " bytes exceeds 2^14 (record_overflow)", wireOffset, false));
        }
        if (length == 0 && type != 23) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, "zero-length "
                    + TlsNames.CONTENT_TYPES.name(type) + " fragment", wireOffset, false));
        }
    }

    private static List<ByteRange> wire(long offset, int length) {
        return List.of(new ByteRange(ByteSpace.WIRE, offset, length));
    }

    private void onHandshakeMessage(DirectionState d, byte[] message, OffsetMap map, boolean decrypted) {
        HandshakeParser.Parsed parsed;
        try {
            parsed = HandshakeParser.parse(message, map, new HandshakeParser.Context() {
                @Override
                public int negotiatedVersion() {
                    return negotiation.facts.version;
                }

                @Override
                public String cipherSuiteName() {
                    ServerHelloInfo sh = negotiation.serverHello;
                    return sh == null ? null : TlsNames.cipherSuite(sh.cipherSuite());
                }
            });
        } catch (DecodeException e) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.MALFORMED, e.getMessage(), -1, false));
            return;
        }
        HandshakeMessage m = new HandshakeMessage(d.direction, parsed.root(), parsed.type(), parsed.length(),
                decrypted, parsed.details());
        String wrongSide = negotiation.onHandshake(d.direction, m);
        publish(m);
        for (String p : parsed.problems()) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.MALFORMED, p, -1, false));
        }
        if (wrongSide != null) {
            publish(new TlsProblem(d.direction, TlsProblem.Kind.VIOLATION, wrongSide, -1, false));
        }
    }

    private void changeEpoch(Direction dir, Epoch epoch, int generation) {
        DirectionState d = dirs[dir.ordinal()];
        d.newEpoch(epoch, generation);
    }

    private void publish(TlsEvent e) {
        e.stamp(eventCount++, negotiation.client.state(), negotiation.server.state());
        if (listener == null) {
            pending.add(e);
        } else {
            try {
                listener.accept(e);
            } catch (RuntimeException ex) {
                // A failing listener must not corrupt the decoder's state.
            }
        }
    }

    // ---- what later layers ask ----

    /** server_name from the ClientHello, or null. */
    public String sni() {
        return negotiation.clientHello == null ? null : negotiation.clientHello.sni();
    }

    /** The offered cipher suites by IANA name, or an empty list before ClientHello. */
    public List<String> offeredCipherSuites() {
        return negotiation.clientHello == null ? List.of() : negotiation.clientHello.cipherSuiteNames();
    }

    /** The chosen cipher suite's IANA name, or null before ServerHello. */
    public String chosenCipherSuite() {
        ServerHelloInfo sh = negotiation.serverHello;
        return sh == null ? null : sh.cipherSuiteName();
    }

    /** 0x0303, 0x0304…, or 0 before ServerHello. */
    public int negotiatedVersion() {
        return negotiation.facts.version;
    }

    /** "TLS 1.2", "TLS 1.3", or null before ServerHello. */
    public String negotiatedVersionName() {
        int v = negotiatedVersion();
        return v == 0 ? null : TlsNames.VERSIONS.name(v);
    }

    public ClientHelloInfo clientHello() {
        return negotiation.clientHello;
    }

    public ServerHelloInfo serverHello() {
        return negotiation.serverHello;
    }

    public CertificateChain serverCertificates() {
        return negotiation.serverCertificates;
    }

    /** True when the server asked for a client certificate (CertificateRequest seen). */
    public boolean certificateRequested() {
        return negotiation.facts.certificateRequested;
    }

    /** TRUE when the client answered with an empty Certificate, FALSE when with a chain, null when not seen. */
    public Boolean clientSentEmptyCertificate() {
        CertificateChain c = negotiation.clientCertificates;
        return c == null ? null : c.isEmpty();
    }

    public List<AlertMessage> alerts() {
        return List.copyOf(negotiation.alerts);
    }

    public String clientState() {
        return negotiation.client.state();
    }

    public String serverState() {
        return negotiation.server.state();
    }

    /** Fragment lengths of every record of a direction, in order. */
    public List<Integer> recordLengths(Direction d) {
        return List.copyOf(dirs[d.ordinal()].recordLengths);
    }

    /** Decrypted application data of a direction, with the map back to records. */
    public PlaintextStream applicationData(Direction d) {
        return dirs[d.ordinal()].applicationData;
    }

    /** All decrypted record content of a direction (the DECRYPTED byte space of field offsets). */
    public PlaintextStream decryptedStream(Direction d) {
        return dirs[d.ordinal()].decrypted;
    }

    /** A record whose header arrived but whose fragment is still incomplete. */
    public record PendingRecord(long wireOffset, int contentType, int version, int length, int received) {
    }

    /** The incomplete record at the end of a direction so far (evidence for F2 / F3), or null. */
    public PendingRecord pendingRecord(Direction d) {
        RecordFramer f = dirs[d.ordinal()].framer;
        int[] h = f.pendingHeader();
        if (h == null) {
            return null;
        }
        return new PendingRecord(f.wireLength() - f.pending(), h[0], h[1], h[2], f.pending() - 5);
    }

    /** True when decoding of that direction stopped after a violation. */
    public boolean stopped(Direction d) {
        return dirs[d.ordinal()].stopped || dirs[d.ordinal()].framer.stopped();
    }
}
