package io.netstep.ui.timeline;

import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The rows of the timeline over an {@link Analysis}, without an object per row: unfiltered,
 * row i is event id i+1 (looked up in the analysis when the table asks); filtered, an int
 * array of matching ids. New events are only counted on the appending thread; the UI thread
 * takes them in batches ({@link #pending()}), and matching runs in {@link #scan} (a job).
 */
final class TimelineRows {

    private final Analysis analysis;
    private final AtomicLong published = new AtomicLong();
    private final Consumer<ProtocolEvent> counter;

    // UI thread only
    private TimelineFilter filter = TimelineFilter.ALL;
    private int generation;
    private int[] matches = new int[0];
    private int matchCount;
    private long scannedUpTo;

    TimelineRows(Analysis analysis) {
        this.analysis = analysis;
        this.counter = e -> published.accumulateAndGet(e.id(), Math::max);
        analysis.addListener(counter);
        // after the listener: nothing published in between is lost (max() absorbs doubles)
        published.accumulateAndGet(analysis.events().size(), Math::max);
    }

    void dispose() {
        analysis.removeListener(counter);
    }

    Analysis analysis() {
        return analysis;
    }

    TimelineFilter filter() {
        return filter;
    }

    /** Starts over with a new filter; returns the generation that scans must carry. */
    int setFilter(TimelineFilter f) {
        filter = f;
        generation++;
        matches = new int[0];
        matchCount = 0;
        scannedUpTo = 0;
        return generation;
    }

    int generation() {
        return generation;
    }

    /** Events published so far. */
    long published() {
        return published.get();
    }

    /** Ids not yet scanned for the current filter: (from, to]. */
    long scannedUpTo() {
        return filter.isAll() ? published.get() : scannedUpTo;
    }

    /** Rows the table should have now. */
    int rowCount() {
        return filter.isAll() ? (int) Math.min(Integer.MAX_VALUE, published.get()) : matchCount;
    }

    /** The event of a row, or null if out of range. */
    ProtocolEvent row(int index) {
        if (index < 0 || index >= rowCount()) {
            return null;
        }
        long id = filter.isAll() ? index + 1L : matches[index];
        return analysis.event(id);
    }

    /** Row of an event, or -1 when filtered out or not yet counted. */
    int indexOf(ProtocolEvent e) {
        if (filter.isAll()) {
            return e.id() <= rowCount() ? (int) e.id() - 1 : -1;
        }
        int i = Arrays.binarySearch(matches, 0, matchCount, (int) e.id());
        return i >= 0 ? i : -1;
    }

    /** Matching ids in (from, to], off the UI thread. Reads only the (thread-safe) analysis. */
    static int[] scan(Analysis analysis, TimelineFilter f, long from, long to) {
        int[] out = new int[16];
        int n = 0;
        for (long id = from + 1; id <= to; id++) {
            ProtocolEvent e = analysis.event(id);
            if (e != null && f.matches(e)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = (int) id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Takes a scan's result (UI thread); false if it belongs to an older filter or range. */
    boolean accept(int gen, long from, long to, int[] ids) {
        if (gen != generation || from != scannedUpTo) {
            return false;
        }
        if (matchCount + ids.length > matches.length) {
            matches = Arrays.copyOf(matches, Math.max(matchCount + ids.length, matches.length * 2 + 16));
        }
        System.arraycopy(ids, 0, matches, matchCount, ids.length);
        matchCount += ids.length;
        scannedUpTo = to;
        return true;
    }
}
