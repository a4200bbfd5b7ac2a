package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.session.diagnosis.Evidence;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.diagnosis.DiagnosisView;
import io.netstep.ui.diagnosis.Findings;
import io.netstep.ui.timeline.TimelineFilter;
import io.netstep.ui.timeline.TimelineView;

import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Diagnosis view over sessions recorded from the reference firmware: with --bug-f1 it names F1. */
class DiagnosisViewTest {

    @AfterEach
    void clear() {
        NetStepInput.show(null);
    }

    @Test
    void f1IsListedAndAnEvidenceLinkSelectsExactlyItsEvents() throws Exception {
        TimelineView timeline = Ui.open(TimelineView.ID);
        timeline.applyFilter(TimelineFilter.ALL);
        PacketDetailView detail = Ui.open(PacketDetailView.ID);
        DiagnosisView view = Ui.open(DiagnosisView.ID);
        NetStepInput input = Opened.open(RecordedSessions.f1());
        Ui.until(() -> view.input() == input && !view.isBusy(), "the diagnosis runs");
        assertNull(view.unavailable());
        Findings.Finding f1 = view.findings().stream().filter(f -> f.diagnosis().id().equals("F1")).findFirst()
                .orElseThrow(() -> new AssertionError("no F1 in " + view.findings()));
        assertTrue(f1.heading().startsWith("F1 \u2014 "), f1.heading());
        int fi = view.findings().indexOf(f1);
        Ui.until(() -> timeline.rowCount() == input.analysis().events().size() && !timeline.isBusy(), "timeline filled");

        // every evidence item with a log entry is a link to that entry's event
        int linked = 0;
        for (int j = 0; j < f1.diagnosis().evidence().size(); j++) {
            Evidence ev = f1.diagnosis().evidence().get(j);
            List<ProtocolEvent> events = f1.evidenceEvents().get(j);
            if (ev.seq() > 0) {
                assertFalse(events.isEmpty(), ev.toString());
                assertEquals(1, events.stream().filter(e -> e.logSeq() == ev.seq()).count(), "the evidence's entry: " + ev);
                assertTrue(events.stream().allMatch(e -> e.logSeq() == ev.seq() || e.logSeq() < 0),
                        "besides its entry only decoded events it names: " + events);
                assertNotNull(view.evidenceLink(fi, j), "a link for " + ev);
                linked++;
            } else {
                assertNull(view.evidenceLink(fi, j));
            }
        }
        assertTrue(linked >= 2, "arrival and read of the stranded record are linked: " + f1.diagnosis());

        // the item that names the decrypted CONNACK selects the chip's Data event and the CONNACK above it
        int connackItem = -1;
        for (int j = 0; j < f1.diagnosis().evidence().size(); j++) {
            if (f1.evidenceEvents().get(j).stream().anyMatch(e -> e.type().equals("CONNACK"))) {
                connackItem = j;
            }
        }
        assertTrue(connackItem >= 0, "an evidence item names the stranded CONNACK: " + f1.evidenceEvents());

        // follow the link as a user does (Enter on the focused hyperlink)
        List<ProtocolEvent> want = f1.evidenceEvents().get(connackItem);
        Ui.page().activate(view);
        Control link = view.evidenceLink(fi, connackItem);
        Event enter = new Event();
        enter.character = '\r';
        enter.keyCode = SWT.CR;
        link.notifyListeners(SWT.KeyDown, enter);
        Ui.until(() -> timeline.selectedEvents().equals(want), "the timeline selects exactly the evidence's events");
        Ui.until(() -> detail.event() == want.get(0), "packet detail shows the first of them");
        IStructuredSelection sel = (IStructuredSelection) view.getSite().getSelectionProvider().getSelection();
        assertEquals(want, sel.toList());

        // another item selects its own events, not the previous ones
        int other = connackItem == 0 ? 1 : 0;
        List<ProtocolEvent> second = view.activateEvidence(fi, other);
        assertEquals(second, timeline.selectedEvents());

        Ui.settle(200);
        assertTrue(Ui.distinctColours(Ui.screenshot(view, "diagnosis")) >= 4);
    }

    @Test
    void aCorrectSessionHasNoFinding() throws Exception {
        DiagnosisView view = Ui.open(DiagnosisView.ID);
        NetStepInput input = Opened.open(RecordedSessions.good());
        Ui.until(() -> view.input() == input && !view.isBusy(), "the diagnosis runs");
        assertNull(view.unavailable());
        assertEquals(List.of(), view.findings());
    }
}
