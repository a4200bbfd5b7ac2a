package io.netstep.session.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a file for a {@link Progress} and checks for cancellation on
 * every read from the file (put a buffer on top: then that is once per buffer fill).
 * {@code done} is reported as {@code base + bytes read}, out of {@code total}.
 */
public final class ProgressInputStream extends FilterInputStream {

    private final Progress progress;
    private final long base;
    private final long total;
    private final String what;
    private long read;

    public ProgressInputStream(InputStream in, Progress progress, long base, long total, String what) {
        super(in);
        this.progress = progress;
        this.base = base;
        this.total = total;
        this.what = what;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return read;
    }

    @Override
    public int read() throws IOException {
        progress.checkCancelled();
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        progress.checkCancelled();
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        progress.checkCancelled();
        long k = super.skip(n);
        count(k);
        return k;
    }

    private void count(long n) {
        read += n;
        progress.worked(Math.min(total, base + read), total, what);
    }
}
