package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.LogEntry;
import io.netstep.session.analysis.Analysis;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.timeline.TimelineFilter;
import io.netstep.ui.timeline.TimelineView;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A timeline of a million events: all rows there, the end reachable, a filter over all of them. */
class MillionEventsTest {

    private static final int N = 1_000_000;

    @AfterEach
    void clear() {
        NetStepInput.show(null);
    }

    @Test
    void aMillionEventsScrollToTheEndAndFilter() throws Exception {
        List<LogEntry> entries = new ArrayList<>(N);
        for (int i = 1; i <= N; i++) {
            int sn = i % 8;   // Sn_SR reads of the 8 sockets in turn
            entries.add(new LogEntry(i, i * 1000L, 0, new ChipEvent.SpiFrame(i * 1000L, Registers.socketBlock(sn),
                    Registers.Sn_SR, false, Registers.OM_VDM, new byte[] { (byte) Registers.SOCK_ESTABLISHED }, null)));
        }
        Analysis analysis = Analysis.of(entries, List.of());
        entries = null;
        assertEquals(N, analysis.events().size());

        TimelineView timeline = Ui.open(TimelineView.ID);
        NetStepInput.show(NetStepInput.of(analysis));
        Ui.until(() -> timeline.rowCount() == N && !timeline.isBusy(), "a million rows");
        Table table = timeline.table();
        assertEquals(N, table.getItemCount());

        table.setTopIndex(N - 1);
        table.showItem(table.getItem(N - 1));
        Ui.settle(200);
        assertTrue(table.getTopIndex() > N - 100, "scrolled to the end: top " + table.getTopIndex());
        assertEquals(Integer.toString(N), table.getItem(N - 1).getText(0));
        assertEquals("SPI", table.getItem(N - 1).getText(2));
        assertEquals(Integer.toString(N % 8), table.getItem(N - 1).getText(3));
        assertTrue(table.getItem(N - 1).getText(5).contains("Sn_SR"), table.getItem(N - 1).getText(5));

        timeline.applyFilter(TimelineFilter.ALL.withSocket(3));
        Ui.until(() -> !timeline.isBusy(), "filtering a million events");
        assertEquals(N / 8, timeline.rowCount());
        assertEquals(N / 8, table.getItemCount());
        int last = N / 8 - 1;
        table.showItem(table.getItem(last));
        assertEquals("3", table.getItem(last).getText(3));
        assertEquals(Integer.toString(N - 5), table.getItem(last).getText(0), "the last id with i % 8 == 3");

        assertTrue(Ui.distinctColours(Ui.screenshot(timeline, "protocol-timeline-million-socket3")) >= 8);
        timeline.applyFilter(TimelineFilter.ALL);
    }
}
