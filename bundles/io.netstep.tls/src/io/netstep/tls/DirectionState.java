package io.netstep.tls;

import io.netstep.tls.internal.HandshakeReassembler;
import io.netstep.tls.internal.KeySource.Epoch;
import io.netstep.tls.internal.RecordFramer;
import io.netstep.tls.internal.RecordProtection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Everything the decoder keeps per direction. */
final class DirectionState {
    /** A protected record held back until its keys arrive. */
    record Parked(long wireOffset, int type, int version, byte[] fragment) {
    }

    static final int MAX_PARKED_BYTES = 1 << 20;

    final Direction direction;
    RecordFramer framer;
    HandshakeReassembler reassembler;
    Epoch epoch = Epoch.PLAINTEXT;
    int generation;
    RecordProtection protection;
    /** Protected records of this epoch seen before keys were found: the sequence number to resume at. */
    long recordsInEpoch;
    boolean noKeysReported;
    boolean unsupportedReported;
    final ArrayDeque<Parked> parked = new ArrayDeque<>();
    long parkedBytes;
    final PlaintextStream decrypted = new PlaintextStream();
    final PlaintextStream applicationData = new PlaintextStream();
    final List<Integer> recordLengths = new ArrayList<>();
    boolean stopped;
    boolean ended;

    DirectionState(Direction direction) {
        this.direction = direction;
    }

    void newEpoch(Epoch e, int gen) {
        epoch = e;
        generation = gen;
        protection = null;
        recordsInEpoch = 0;
        noKeysReported = false;
    }
}
