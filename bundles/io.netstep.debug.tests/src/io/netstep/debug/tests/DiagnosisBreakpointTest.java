package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.session.diagnosis.Confidence;
import io.netstep.session.diagnosis.Diagnoser;
import io.netstep.session.diagnosis.Diagnosis;
import io.netstep.session.diagnosis.Evidence;
import io.netstep.testing.ReferenceFirmware;
import io.netstep.w5500.ChipEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis breakpoint on a real failing run: the reference firmware with {@code --bug-f1}
 * (it gates its TLS read on Sn_RX_RSR, so the CONNACK strands inside mbedTLS) behind a
 * trickling network. The live diagnosis names F1 when the firmware gives up and closes the
 * socket, and the target stops there, the firmware still alive and frozen.
 */
class DiagnosisBreakpointTest {

    private static final long WAIT = 120;

    private ILaunch launch;
    private final List<IBreakpoint> breakpoints = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        for (IBreakpoint b : breakpoints) {
            b.delete();
        }
        assertEquals(List.of(), ReferenceFirmware.alive(), "no firmware process is left running");
    }

    private static ILaunchConfigurationWorkingCopy strandedConnack(String name) throws Exception {
        ILaunchConfigurationWorkingCopy wc = Launches.embeddedBroker(name, "--bug-f1");
        wc.setAttribute(LaunchAttributes.FAULTS, List.of("chunk=7,delay=2"));
        return wc;
    }

    @Test
    void strandedConnackStopsAtTheDiagnosisWithItsEvidence() throws Exception {
        DiagnosisBreakpoint other = new DiagnosisBreakpoint("F2", true); // another failure: never hits
        DiagnosisBreakpoint f1 = new DiagnosisBreakpoint("F1", Confidence.LIKELY, true);
        breakpoints.add(other);
        breakpoints.add(f1);
        assertEquals("diagnosis F1 raised, likely or surer", f1.describe());
        try (DebugEvents events = new DebugEvents()) {
            launch = strandedConnack("diag-f1").doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));

            events.next("target SUSPEND(BREAKPOINT)", DebugEvents.of(target, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND(BREAKPOINT)",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            assertEquals(List.of(f1), List.of(thread.getBreakpoints()));
            assertTrue(target.session().isPaused());
            assertFalse(ReferenceFirmware.alive().isEmpty(), "the firmware is held in the bridge, not gone");
            assertTrue(thread.socket() >= 0, "the socket the evidence is about, not the chip");

            // the top frame is the finding; its variables are the diagnosis
            LayerStackFrame top = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.DIAGNOSIS, top.layer().id(), Arrays.toString(thread.getStackFrames()));
            assertEquals("F1", top.event().attribute("id"));
            assertEquals("stranded-tls-bytes", top.event().attribute("name"));
            assertTrue(top.getName().contains("F1"), top.getName());
            IVariable[] vars = top.getVariables();
            assertEquals("failure", vars[0].getName());
            assertTrue(Arrays.stream(vars).anyMatch(v -> {
                try {
                    return v.getName().equals("fix") && v.getValue().getValueString().contains("mbedtls_ssl_read()");
                } catch (Exception e) {
                    return false;
                }
            }), "the fix is among the variables");

            // the thread stands at the last event the evidence names; the finding is the session's own
            List<Diagnosis> found = new Diagnoser().diagnose(target.session().log().snapshot(), target.analysis());
            Diagnosis d = found.stream().filter(x -> x.id().equals("F1")).findFirst()
                    .orElseThrow(() -> new AssertionError("F1 not in " + found));
            long last = d.evidence().stream().mapToLong(Evidence::seq).max().orElseThrow();
            assertEquals(last, thread.cause().seq(), d.toString());
            assertEquals(top.event().attribute("confidence"), d.confidence().name());
            // the firmware gave up (closed the socket) before the stop, and did not exit yet
            assertTrue(target.session().log().snapshot().stream().anyMatch(e -> e.event() instanceof ChipEvent.Command c
                    && c.socket() == thread.socket() && (c.command() == io.netstep.w5500.Registers.Sn_CR_DISCON
                            || c.command() == io.netstep.w5500.Registers.Sn_CR_CLOSE)));

            // resume: it is not raised again; the firmware ends with its failure status
            target.resume();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            assertEquals(4, target.getProcess().getExitValue(), Launches.state(target));
            assertEquals(1, events.all().stream().filter(e -> e.getSource() == target && e.getKind() == DebugEvent.SUSPEND).count(),
                    "one stop: F2 never showed, F1 only once");
        }
    }

    /**
     * Socket closes, the CONNACK … may conclude a failure, so the live diagnosis holds the
     * session to look; a step in progress at that moment goes on afterwards and ends exactly
     * where it would have: at the socket's next SPI frame.
     */
    @Test
    void aStepInProgressSurvivesTheDiagnosisLooking() throws Exception {
        DiagnosisBreakpoint any = new DiagnosisBreakpoint(null, Confidence.POSSIBLE, true);
        io.netstep.debug.breakpoints.SocketStateBreakpoint established = new io.netstep.debug.breakpoints.SocketStateBreakpoint(
                io.netstep.debug.breakpoints.SocketStateBreakpoint.ANY_SOCKET, io.netstep.w5500.Registers.SOCK_ESTABLISHED, true);
        breakpoints.add(any);
        breakpoints.add(established);
        try (DebugEvents events = new DebugEvents()) {
            launch = Launches.embeddedBroker("diag-step").doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND at ESTABLISHED",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            established.delete();
            breakpoints.remove(established);
            // step over at the SPI layer until the CONNACK has been decoded and looked at
            int reported = 1;
            boolean held = false;
            for (int i = 0; i < 5000 && !held; i++) {
                LayerStackFrame spi = (LayerStackFrame) thread.getStackFrames()[thread.getStackFrames().length - 1];
                assertEquals(io.netstep.debug.layers.SpiFrameLayer.ID, spi.layer().id());
                long before = thread.cause().seq();
                spi.stepOver();
                events.next("RESUME(STEP_OVER)", DebugEvents.of(target, DebugEvent.RESUME, DebugEvent.STEP_OVER), WAIT);
                events.next("SUSPEND(STEP_END)", DebugEvents.of(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END), WAIT);
                reported++;
                assertTrue(thread.cause().event() instanceof ChipEvent.SpiFrame, thread.cause().toString());
                long at = thread.cause().seq();
                assertTrue(at > before);
                int socket = thread.socket();
                assertTrue(target.session().log().snapshot().subList((int) before, (int) at - 1).stream()
                        .noneMatch(e -> e.event() instanceof ChipEvent.SpiFrame f
                                && io.netstep.debug.layers.SpiFrameLayer.socketOf(f.block()) == socket),
                        "no SPI frame of socket " + socket + " was stepped over between #" + before + " and #" + at);
                long suspendedInLog = target.session().log().snapshot().stream()
                        .filter(e -> e.event() instanceof io.netstep.session.SessionEvent.Suspended).count();
                held = suspendedInLog > reported; // a pause the debugger did not report: the diagnosis' hold
            }
            assertTrue(held, "the diagnosis held the session during a step");
            target.resume();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            assertEquals(0, target.getProcess().getExitValue(), Launches.state(target));
        }
    }

    @Test
    void anyDiagnosisBreakpointLetsAHealthyRunFinish() throws Exception {
        DiagnosisBreakpoint any = new DiagnosisBreakpoint(null, Confidence.POSSIBLE, true);
        breakpoints.add(any);
        try (DebugEvents events = new DebugEvents()) {
            launch = Launches.embeddedBroker("diag-healthy").doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            assertEquals(0, target.getProcess().getExitValue(), Launches.state(target));
            assertTrue(events.all().stream().noneMatch(e -> e.getKind() == DebugEvent.SUSPEND),
                    "no failure, no stop: " + events.describe());
            // the probes held the session briefly, which the log shows; the firmware did not notice
            assertTrue(target.getProcess().getStreamsProxy().getOutputStreamMonitor().getContents()
                    .contains("RECEIVED netstep/debug/diag-healthy hello from the debugger"));
        }
    }
}
