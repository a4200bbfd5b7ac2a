package io.netstep.session.capture.fuzz;

import io.netstep.session.capture.Capture;
import io.netstep.session.capture.CaptureReader;

import java.io.IOException;

/**
 * Jazzer entry point: the capture reader on arbitrary bytes. Refusing the input
 * ({@link IOException}, i.e. {@link CaptureReader.CaptureFormatException}) is the expected
 * answer to garbage; any other exception, a hang or runaway memory is a finding.
 * Run with e.g. {@code jazzer --cp=... --target_class=io.netstep.session.capture.fuzz.CaptureFuzz}.
 */
public final class CaptureFuzz {

    private CaptureFuzz() { }

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            Capture c = CaptureReader.read(data);
            // touch what a decoder would use, so lazy mistakes surface here too
            for (Capture.TcpConnection t : c.connections()) {
                t.bytes(true);
                t.bytes(false);
            }
        } catch (IOException refused) {
            // not a capture: the clear refusal is the right answer
        }
    }
}
