package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.Session;
import io.netstep.session.VirtualClock;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.timeline.TimelineFilter;
import io.netstep.ui.timeline.TimelineView;
import io.netstep.w5500.HostNetwork;

import java.util.EnumSet;
import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Protocol Timeline and Packet Detail views over a live session driven with real SPI frames. */
class TimelineAndDetailViewTest {

    private Session session;
    private NetStepInput input;

    @BeforeEach
    void startSession() {
        session = new Session(new VirtualClock(), events -> HostNetwork.NONE);
        session.start();
        input = NetStepInput.live(session);
    }

    @AfterEach
    void endSession() {
        NetStepInput.show(null);
        input.analysis().close();
        session.terminate();
    }

    @Test
    void liveEventsAppearFilterAndSelectionDrivesPacketDetail() throws Exception {
        TimelineView timeline = Ui.open(TimelineView.ID);
        PacketDetailView detail = Ui.open(PacketDetailView.ID);
        timeline.applyFilter(TimelineFilter.ALL);
        NetStepInput.show(input);
        new Firmware(session).configureAndOpenSocket0();

        List<ProtocolEvent> all = input.analysis().events();
        Ui.until(() -> timeline.rowCount() == input.analysis().events().size() && !timeline.isBusy(),
                "the timeline takes every event");
        all = input.analysis().events();
        Table table = timeline.table();
        assertEquals(all.size(), table.getItemCount());
        assertTrue(all.size() >= 9, "7 SPI frames, the OPEN command and the state change: " + all);

        int open = rowWhere(timeline, e -> e.summary().contains("Sn_CR OPEN"));
        assertEquals("Chip", table.getItem(open).getText(2));
        assertEquals("0", table.getItem(open).getText(3));
        assertTrue(table.getItem(open).getText(5).contains("SOCK_CLOSED"), table.getItem(open).getText(5));
        int shar = rowWhere(timeline, e -> e.layer() == Layer.SPI && e.summary().contains("SHAR"));
        assertEquals("SPI", table.getItem(shar).getText(2));
        assertEquals(Long.toString(all.get(shar).id()), table.getItem(shar).getText(0));

        // search
        timeline.applyFilter(TimelineFilter.ALL.withText("shar"));
        Ui.until(() -> !timeline.isBusy(), "search applied");
        assertEquals(1, timeline.rowCount());
        assertTrue(table.getItem(0).getText(5).contains("SHAR"));

        // chip events of socket 0 only
        long expected = all.stream().filter(e -> e.layer() == Layer.CHIP && Integer.valueOf(0).equals(e.attributes().get("socket"))).count();
        assertTrue(expected >= 2, "command and state change of socket 0");
        timeline.applyFilter(TimelineFilter.ALL.withLayers(EnumSet.of(Layer.CHIP)).withSocket(0));
        Ui.until(() -> !timeline.isBusy(), "layer and socket filter applied");
        assertEquals(expected, timeline.rowCount());
        for (int i = 0; i < timeline.rowCount(); i++) {
            assertEquals("Chip", table.getItem(i).getText(2));
            assertEquals("0", table.getItem(i).getText(3));
        }

        // back to everything; selecting the SHAR write shows its bytes in the detail view
        timeline.applyFilter(TimelineFilter.ALL);
        Ui.until(() -> !timeline.isBusy() && timeline.rowCount() == input.analysis().events().size(), "filter off");
        ProtocolEvent sharEvent = timeline.eventAt(shar);
        Ui.page().activate(timeline);
        table.setSelection(shar);
        table.notifyListeners(SWT.Selection, new Event());
        IStructuredSelection published = (IStructuredSelection) timeline.getSite().getSelectionProvider().getSelection();
        assertSame(sharEvent, published.getFirstElement(), "the row's event is the view's selection");
        Ui.until(() -> detail.event() == sharEvent, "packet detail follows the timeline");

        assertTrue(detail.fieldDump().contains("data: 6 bytes"), detail.fieldDump());
        org.eclipse.swt.widgets.TreeItem rootItem = detail.fieldTree().getItem(0);
        assertTrue(rootItem.getItemCount() >= 5, "attributes and data under the event: " + rootItem.getItemCount());
        assertEquals("data", rootItem.getItem(rootItem.getItemCount() - 1).getText(0));
        assertEquals("6 bytes", rootItem.getItem(rootItem.getItemCount() - 1).getText(1));
        Ui.page().activate(detail);
        assertTrue(detail.selectField("data"));
        Ui.settle(100);
        int[] marked = detail.highlightedBytes();
        assertSame(sharEvent, detail.event(), "still the SHAR write");
        assertEquals(0, marked[0], "highlight starts at the first data byte");
        assertEquals(6, marked[1]);
        int hexAt = PacketDetailView.charOffsets(0)[0];
        assertEquals("00 08 DC 01 02 03", detail.hexText().getText(hexAt, hexAt + 16));
        StyleRange first = detail.hexText().getStyleRangeAtOffset(hexAt);
        assertNotNull(first, "the field's first byte is highlighted");
        assertNotNull(first.background);
        assertNotNull(detail.hexText().getStyleRangeAtOffset(PacketDetailView.charOffsets(5)[1]), "ASCII of the last byte too");
        assertEquals(null, detail.hexText().getStyleRangeAtOffset(PacketDetailView.charOffsets(0)[0] - 3),
                "the offset column is not");

        assertTrue(Ui.distinctColours(Ui.screenshot(detail, "packet-detail")) >= 8);
        Ui.page().activate(timeline);
        assertTrue(Ui.distinctColours(Ui.screenshot(timeline, "protocol-timeline")) >= 8);
    }

    private static int rowWhere(TimelineView v, java.util.function.Predicate<ProtocolEvent> p) {
        for (int i = 0; i < v.rowCount(); i++) {
            if (p.test(v.eventAt(i))) {
                return i;
            }
        }
        throw new AssertionError("no such row");
    }
}
