package io.netstep.debug.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.layers.SpiFrameLayer;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.debug.ui.presentation.NetStepModelPresentation;
import io.netstep.net.broker.TestPki;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.FieldNode;
import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.session.diagnosis.Evidence;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.diagnosis.DiagnosisView;
import io.netstep.ui.diagnosis.Findings;
import io.netstep.ui.ladder.LadderModel;
import io.netstep.ui.ladder.LadderView;
import io.netstep.ui.registers.RegistersView;
import io.netstep.ui.timeline.TimelineView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's walkthroughs in a real workbench: the reference firmware (mbedTLS) on the virtual
 * W5500 → a real mosquitto over TLS 1.2, launched through the debug UI; protocol breakpoints,
 * steps at protocol layers, and what the Debug, Variables, Protocol Timeline, Packet Detail,
 * W5500 Registers, Handshake Ladder and Diagnosis views show. Each view is saved as a
 * screenshot in target/screenshots/.
 */
class DebugWalkthroughTest {

    @TempDir
    static Path dir;
    private static MosquittoBroker mosquitto;

    private ILaunch launch;
    private final List<IBreakpoint> breakpoints = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        ReferenceFirmware.mbedtls();
        mosquitto = MosquittoBroker.tls(TestPki.generate(), dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @BeforeEach
    void debugPerspective() throws Exception {
        Walkthrough.debugPerspective();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        for (IBreakpoint b : breakpoints) {
            b.delete();
        }
        Ui.until(() -> ReferenceFirmware.alive().isEmpty(), "no firmware process left running");
    }

    @Test
    void breakOnServerHelloStepToConnackAndEveryViewShowsIt() throws Exception {
        HandshakeMessageBreakpoint serverHello = new HandshakeMessageBreakpoint("ServerHello", true);
        breakpoints.add(serverHello);
        IDebugView debug = Walkthrough.view(IDebugUIConstants.ID_DEBUG_VIEW);
        IDebugView variables = Walkthrough.view(IDebugUIConstants.ID_VARIABLE_VIEW);
        TimelineView timeline = Ui.open(TimelineView.ID);
        PacketDetailView detail = Ui.open(PacketDetailView.ID);
        RegistersView registers = Ui.open(RegistersView.ID);
        LadderView ladder = Ui.open(LadderView.ID);
        DiagnosisView diagnosis = Ui.open(DiagnosisView.ID);
        NetStepModelPresentation labels = new NetStepModelPresentation();

        try (DebugEventLog events = new DebugEventLog()) {
            launch = Walkthrough.debug(Walkthrough.configuration("walk-good", mosquitto, List.of()));
            NetStepDebugTarget target = assertInstanceOf(NetStepDebugTarget.class, launch.getDebugTarget());

            // the NetStep views follow the new target: its own analysis, its session
            Ui.until(() -> NetStepInput.current() != null && NetStepInput.current().session() == target.session(),
                    "the NetStep views' input is the launched session");
            assertSame(target.analysis(), NetStepInput.current().analysis(), "the views show the target's analysis");

            // ---- stopped at ServerHello
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND(BREAKPOINT) at ServerHello",
                    DebugEventLog.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT)).getSource();
            int sn = thread.socket();
            assertTrue(sn >= 0, "a socket thread, not the chip: " + thread.getName());
            LayerStackFrame hello = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.TLS_HANDSHAKE, hello.layer().id());
            assertEquals("ServerHello", hello.event().type());

            // Debug view: the suspended target, the socket thread with its breakpoint, its layer frames top first
            String threadLabel = "Socket " + sn + " [SOCK_ESTABLISHED]";
            Walkthrough.assertDebugViewShows(debug, "NetStep virtual W5500 [walk-good] (suspended)", new IStackFrame[0]);
            Walkthrough.assertDebugViewShows(debug, threadLabel, thread.getStackFrames());
            assertTrue(labels.getText(thread).endsWith("(suspended at breakpoint: TLS handshake message ServerHello)"),
                    labels.getText(thread));
            List<String> layers = Arrays.stream(thread.getStackFrames()).map(f -> ((LayerStackFrame) f).layer().id()).toList();
            assertTrue(layers.containsAll(List.of(AnalysisLayers.TLS_HANDSHAKE, AnalysisLayers.TLS_RECORD, SpiFrameLayer.ID)),
                    layers.toString());
            Walkthrough.awaitDebugSelection(debug, hello);

            // Variables view: the decoded ServerHello fields and the socket's registers
            assertTrue(Arrays.stream(hello.getVariables()).anyMatch(v -> name(v).contains("cipher_suite")),
                    "ServerHello fields include the chosen cipher suite: " + Arrays.toString(hello.getVariables()));
            Walkthrough.assertVariablesShow(variables, hello);
            ProtocolEvent helloEvent = Walkthrough.eventOf(hello);
            Ui.until(() -> timeline.selectedEvents().equals(List.of(helloEvent)),
                    () -> "the timeline selects the ServerHello frame's event; it has " + timeline.selectedEvents());
            Ui.screenshot(debug, "walk-1-debug-serverhello");
            Walkthrough.widenNameColumn(variables, 260);
            // the fields are a tree: extensions > length, Extension …, as in the Packet Detail view
            IVariable[] helloVariables = hello.getVariables();
            IVariable extensions = Arrays.stream(helloVariables).filter(v -> name(v).equals("extensions")).findFirst()
                    .orElseThrow(() -> new AssertionError("ServerHello has extensions: " + Arrays.toString(helloVariables)));
            IVariable firstExtension = Arrays.stream(extensions.getValue().getVariables()).filter(v -> name(v).equals("Extension"))
                    .findFirst().orElseThrow(() -> new AssertionError("extensions has an Extension"));
            String extensionRow = "  Extension | " + firstExtension.getValue().getValueString();
            Ui.until(() -> {
                // the viewer fills its rows asynchronously: expand "extensions" once its row is there
                for (org.eclipse.swt.widgets.TreeItem i : Walkthrough.tree(variables).getItems()) {
                    if (i.getText(0).equals("extensions") && !i.getExpanded()) {
                        Walkthrough.expandVariable(variables, extensions);
                    }
                }
                return Ui.rows(Walkthrough.tree(variables)).stream().anyMatch(r -> r.startsWith(extensionRow));
            },
                    () -> "the Variables view shows '" + extensionRow + "' under extensions; it shows:\n"
                            + String.join("\n", Ui.rows(Walkthrough.tree(variables))));
            Ui.screenshot(variables, "walk-1-variables-serverhello");

            // ---- step over at the TLS message layer: the next TLS message of this socket
            Walkthrough.command("org.eclipse.debug.ui.commands.StepOver", debug, hello);
            events.next("RESUME(STEP_OVER)", DebugEventLog.of(target, DebugEvent.RESUME, DebugEvent.STEP_OVER));
            events.next("SUSPEND(STEP_END) after step over", DebugEventLog.of(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END));
            LayerStackFrame tls = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.TLS_HANDSHAKE, tls.layer().id(), tls.getName());
            assertNotEquals("ServerHello", tls.event().type());
            assertTrue(tls.event().entry().seq() > hello.event().entry().seq(), "a later event");
            Walkthrough.awaitDebugSelection(debug, tls);

            // ---- step return: one layer up, the MQTT packet layer: the firmware's CONNECT
            Walkthrough.command("org.eclipse.debug.ui.commands.StepReturn", debug, tls);
            events.next("SUSPEND(STEP_END) after step return", DebugEventLog.of(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END));
            LayerStackFrame connect = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.MQTT_PACKET, connect.layer().id(), connect.getName());
            assertEquals("CONNECT", connect.event().type());
            Walkthrough.awaitDebugSelection(debug, connect);

            // ---- step over at the MQTT layer: the broker's CONNACK
            Walkthrough.command("org.eclipse.debug.ui.commands.StepOver", debug, connect);
            events.next("SUSPEND(STEP_END) at CONNACK", DebugEventLog.of(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END));
            LayerStackFrame connack = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.MQTT_PACKET, connack.layer().id(), connack.getName());
            assertEquals("CONNACK", connack.event().type());
            assertTrue(connack.getName().startsWith("MQTT packet: "), connack.getName());
            Walkthrough.awaitDebugSelection(debug, connack);
            Walkthrough.assertDebugViewShows(debug, threadLabel, thread.getStackFrames());
            assertTrue(labels.getText(thread).endsWith("(suspended: stopped on this socket)"), labels.getText(thread));

            // Variables: the CONNACK's fields
            Walkthrough.assertVariablesShow(variables, connack);

            // Protocol Timeline: the selected row is the frame's event
            ProtocolEvent connackEvent = Walkthrough.eventOf(connack);
            assertEquals(Layer.MQTT, connackEvent.layer());
            Ui.until(() -> timeline.selectedEvents().equals(List.of(connackEvent)),
                    () -> "the timeline selects the CONNACK; it has " + timeline.selectedEvents());
            int row = timeline.table().getSelectionIndex();
            assertSame(connackEvent, timeline.eventAt(row));
            assertEquals("MQTT", timeline.table().getItem(row).getText(2));
            assertEquals(Integer.toString(sn), timeline.table().getItem(row).getText(3));

            // Packet Detail: the CONNACK's field tree
            Ui.until(() -> detail.event() == connackEvent, () -> "packet detail shows the CONNACK; it shows " + detail.event());
            String dump = detail.fieldDump();
            for (FieldNode f : connackEvent.fields().children()) {
                assertTrue(dump.contains(f.name()), "field " + f.name() + " in\n" + dump);
            }
            assertTrue(connackEvent.fields().children().size() >= 2, "a CONNACK has a fixed header and flags/return code");

            // W5500 Registers: the socket is ESTABLISHED
            Ui.until(() -> "0x17".equals(registers.valueText(sn, "Sn_SR")),
                    () -> "S" + sn + "_SR = 0x17; shows " + registers.valueText(sn, "Sn_SR"));
            assertTrue(String.valueOf(registers.meaningText(sn, "Sn_SR")).contains("SOCK_ESTABLISHED"), registers.meaningText(sn, "Sn_SR"));

            // Handshake Ladder: ClientHello … CONNACK on this socket's connection
            Ui.until(() -> !ladder.isBusy() && ladder.connection() != null && ladder.model().indexOf("CONNACK") >= 0,
                    () -> "the ladder draws the CONNACK; it has " + ladder.model().labels());
            assertEquals(sn, ladder.connection().socket());
            List<String> arrows = ladder.model().labels();
            assertInOrder(arrows, "ClientHello", "ServerHello", "Finished", "CONNECT", "CONNACK");
            LadderModel.Arrow connackArrow = ladder.model().arrows().get(ladder.model().indexOf("CONNACK"));
            assertEquals(LadderModel.Side.BROKER, connackArrow.from());
            assertSame(connackEvent, connackArrow.event());
            assertTrue(ladder.model().arrows().stream().noneMatch(LadderModel.Arrow::red), "no alert, reset or drop: " + arrows);

            // Diagnosis: nothing wrong with the good firmware
            Ui.until(() -> !diagnosis.isBusy(), "the diagnosis ran");
            assertEquals(null, diagnosis.unavailable());
            assertEquals(List.of(), diagnosis.findings().stream().map(f -> f.diagnosis().id()).toList());

            // choosing a lower frame in the Debug view moves the timeline and the packet detail to its event
            for (IStackFrame f : thread.getStackFrames()) {
                LayerStackFrame lower = (LayerStackFrame) f;
                if (lower.equals(connack)) {
                    continue;
                }
                ProtocolEvent e = Walkthrough.eventOf(lower);
                debug.getViewer().setSelection(new StructuredSelection(lower));
                Ui.until(() -> timeline.selectedEvents().equals(List.of(e)) && detail.event() == e,
                        () -> "timeline and detail follow the frame " + lower.getName() + "; timeline has "
                                + timeline.selectedEvents() + ", detail " + detail.event());
            }
            debug.getViewer().setSelection(new StructuredSelection(connack));
            Ui.until(() -> timeline.selectedEvents().equals(List.of(connackEvent)) && detail.event() == connackEvent,
                    "back on the CONNACK frame");

            Ui.screenshot(debug, "walk-2-debug-connack");
            Ui.screenshot(variables, "walk-2-variables-connack");
            Ui.screenshot(timeline, "walk-3-timeline-connack");
            Ui.screenshot(detail, "walk-4-packet-detail-connack");
            Ui.screenshot(registers, "walk-5-registers-connack");
            Ui.screenshot(ladder, "walk-6-ladder-connack");
            Ui.screenshot(diagnosis, "walk-7-diagnosis-good");

            // ---- resume: the firmware runs to its end; the views keep the finished session
            for (IBreakpoint b : breakpoints) {
                b.delete();
            }
            breakpoints.clear();
            Walkthrough.command("org.eclipse.debug.ui.commands.Resume", debug, connack);
            events.next("target TERMINATE", DebugEventLog.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED));
            IProcess process = target.getProcess();
            Ui.until(process::isTerminated, "the firmware exits");
            assertEquals(0, process.getExitValue(), Walkthrough.output(target));
            // the firmware's output is in the Console view
            Ui.until(() -> Walkthrough.console(process).contains("CONNACK rc=0"),
                    () -> "the console shows the CONNACK; it has:\n" + Walkthrough.console(process));
            assertSame(target.session(), NetStepInput.current().session(), "the views keep the finished session");
            Ui.until(() -> !diagnosis.isBusy(), "the diagnosis of the whole session ran");
            assertEquals(List.of(), diagnosis.findings().stream().map(f -> f.diagnosis().id()).toList());
            assertTrue(mosquitto.log().contains("Sending CONNACK to walk-good"), "the real broker accepted it");
        }
    }

    @Test
    void f1BreakOnConnackThenTheDiagnosisNamesF1AndItsEvidenceSelectsTheEvents() throws Exception {
        MqttPacketBreakpoint connackBreakpoint = new MqttPacketBreakpoint("CONNACK", null, true);
        breakpoints.add(connackBreakpoint);
        IDebugView debug = Walkthrough.view(IDebugUIConstants.ID_DEBUG_VIEW);
        TimelineView timeline = Ui.open(TimelineView.ID);
        DiagnosisView diagnosis = Ui.open(DiagnosisView.ID);

        try (DebugEventLog events = new DebugEventLog()) {
            // the trickling network of failures.md's reproduction: the broker's bytes 7 at a time, 2 ms apart
            launch = Walkthrough.debug(Walkthrough.configuration("walk-f1", mosquitto, List.of("chunk=7,delay=2"), "--bug-f1"));
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();

            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND(BREAKPOINT) at CONNACK",
                    DebugEventLog.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT)).getSource();
            assertEquals(List.of(connackBreakpoint), List.of(thread.getBreakpoints()));
            LayerStackFrame connack = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals("CONNACK", connack.event().type());
            ProtocolEvent connackEvent = Walkthrough.eventOf(connack);
            Walkthrough.awaitDebugSelection(debug, connack);
            Ui.until(() -> timeline.selectedEvents().equals(List.of(connackEvent)), "the timeline selects the CONNACK");
            Ui.screenshot(debug, "f1-1-debug-connack");

            // the firmware then never reads the CONNACK out of mbedTLS: it times out
            Walkthrough.command("org.eclipse.debug.ui.commands.Resume", debug, connack);
            events.next("target TERMINATE", DebugEventLog.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED));
            IProcess process = target.getProcess();
            Ui.until(process::isTerminated, "the firmware exits");
            assertNotEquals(0, process.getExitValue(), Walkthrough.output(target));
            assertTrue(mosquitto.log().contains("Sending CONNACK to walk-f1"), "the broker did answer");

            // Diagnosis names F1
            Ui.until(() -> !diagnosis.isBusy() && !diagnosis.findings().isEmpty(),
                    () -> "a finding; unavailable=" + diagnosis.unavailable() + "\n" + Walkthrough.output(target));
            assertEquals(List.of("F1"), diagnosis.findings().stream().map(f -> f.diagnosis().id()).toList());
            Findings.Finding f1 = diagnosis.findings().get(0);
            Ui.screenshot(diagnosis, "f1-2-diagnosis");

            // every evidence link selects exactly its events in the timeline; one of them is the CONNACK we stopped at
            Analysis analysis = NetStepInput.current().analysis();
            boolean connackLinked = false;
            int links = 0;
            for (int i = 0; i < f1.diagnosis().evidence().size(); i++) {
                Evidence ev = f1.diagnosis().evidence().get(i);
                List<ProtocolEvent> expected = Findings.eventsOf(analysis, ev);
                Control link = diagnosis.evidenceLink(0, i);
                if (expected.isEmpty()) {
                    continue;
                }
                assertTrue(link != null && !link.isDisposed(), "evidence " + ev.what() + " has a link");
                assertTrue(expected.contains(analysis.forLogSeq(ev.seq())), "the link names the event at #" + ev.seq());
                click(link);
                Ui.until(() -> timeline.selectedEvents().equals(expected),
                        () -> "the timeline selects exactly " + expected + " for '" + ev.what() + "'; it has "
                                + timeline.selectedEvents());
                links++;
                connackLinked |= expected.contains(connackEvent);
            }
            assertTrue(links >= 2, "the arrival and the read of the CONNACK record are linked");
            assertTrue(connackLinked, "an evidence link selects the CONNACK the breakpoint stopped at; evidence: "
                    + f1.diagnosis().evidence());
            // for the screenshot: the evidence that names the CONNACK
            for (int i = 0; i < f1.diagnosis().evidence().size(); i++) {
                if (f1.diagnosis().evidence().get(i).what().contains("CONNACK")) {
                    List<ProtocolEvent> expected = f1.evidenceEvents().get(i);
                    click(diagnosis.evidenceLink(0, i));
                    Ui.until(() -> timeline.selectedEvents().equals(expected), "the CONNACK evidence selected");
                    break;
                }
            }
            Ui.screenshot(timeline, "f1-3-timeline-evidence");
        }
    }

    /** A left click on a forms hyperlink, as the user does it. */
    private static void click(Control link) {
        Event down = new Event();
        down.button = 1;
        down.x = 2;
        down.y = 2;
        link.notifyListeners(SWT.MouseDown, down);
        Event up = new Event();
        up.button = 1;
        up.x = 2;
        up.y = 2;
        link.notifyListeners(SWT.MouseUp, up);
    }

    private static void assertInOrder(List<String> all, String... wanted) {
        int at = -1;
        for (String w : wanted) {
            int i = all.subList(at + 1, all.size()).indexOf(w);
            assertTrue(i >= 0, w + " after position " + at + " in " + all);
            at += 1 + i;
        }
    }

    private static String name(org.eclipse.debug.core.model.IVariable v) {
        try {
            return v.getName();
        } catch (Exception e) {
            return "";
        }
    }
}
