package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.breakpoints.SocketCommandBreakpoint;
import io.netstep.debug.breakpoints.SocketStateBreakpoint;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.layers.SocketCommandLayer;
import io.netstep.debug.layers.SpiFrameLayer;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.session.Session;
import io.netstep.testing.ReferenceFirmware;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real "NetStep Virtual W5500" launch through the launch manager: the reference firmware
 * (mbedTLS) → shim → bridge → chip → virtual network → the embedded broker over TLS.
 */
class LaunchAndDebugTest {

    private static final long WAIT = 90;

    @TempDir
    Path dir;

    private ILaunch launch;
    private final List<IBreakpoint> breakpoints = new java.util.ArrayList<>();

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

    private ILaunchConfiguration configuration(String name, boolean stopAtFirstSpiFrame) throws Exception {
        ILaunchManager m = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = m.getLaunchConfigurationType(NetStepDebug.LAUNCH_TYPE_ID)
                .newInstance(null, name);
        wc.setAttribute(LaunchAttributes.FIRMWARE, ReferenceFirmware.mbedtls().toString());
        wc.setAttribute(LaunchAttributes.ARGUMENTS, "--dhcp --broker broker.netstep.test --ca "
                + LaunchAttributes.BROKER_CA_ARGUMENT + " --client-id " + name
                + " --topic netstep/debug/" + name + " --message \"hello from the debugger\" --wait-message 10");
        wc.setAttribute(LaunchAttributes.BROKER, LaunchAttributes.EMBEDDED_BROKER);
        wc.setAttribute(LaunchAttributes.RECORD_FILE, dir.resolve(name + ".jsonl").toString());
        wc.setAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, stopAtFirstSpiFrame);
        return wc.doSave();
    }

    /** For failure messages: run state, breakpoints and the end of the log. */
    private static String state(NetStepDebugTarget target) {
        Session s = target.session();
        List<io.netstep.session.LogEntry> log = s.log().snapshot();
        StringBuilder b = new StringBuilder("session paused=" + s.isPaused() + " terminated=" + s.isTerminated()
                + " breakpoints=" + s.breakpoints() + " log size=" + log.size() + "\n");
        for (io.netstep.session.LogEntry e : log.subList(Math.max(0, log.size() - 25), log.size())) {
            b.append("  ").append(io.netstep.session.JsonlRecorder.line(e)).append('\n');
        }
        try {
            b.append("firmware out: ").append(target.getProcess().getStreamsProxy().getOutputStreamMonitor().getContents())
                    .append("\nfirmware err: ").append(target.getProcess().getStreamsProxy().getErrorStreamMonitor().getContents());
        } catch (RuntimeException e) {
            b.append(e);
        }
        return b.toString();
    }

    private static IVariable register(IStackFrame frame, String name) throws Exception {
        IVariable[] vars = frame.getVariables();
        IVariable group = vars[vars.length - 1];
        return Arrays.stream(group.getValue().getVariables()).filter(v -> {
            try {
                return v.getName().equals(name);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no register " + name + " under " + group));
    }

    @Test
    void breakOnEstablishedStepToTheNextSpiFrameEditARegisterAndRunToTheEnd() throws Exception {
        SocketCommandBreakpoint connect = new SocketCommandBreakpoint(SocketCommandBreakpoint.ANY_SOCKET,
                Registers.Sn_CR_CONNECT, true);
        SocketStateBreakpoint bp = new SocketStateBreakpoint(SocketStateBreakpoint.ANY_SOCKET,
                Registers.SOCK_ESTABLISHED, true);
        breakpoints.add(connect);
        breakpoints.add(bp);
        assertTrue(bp.getMarker().getResource().getType() == org.eclipse.core.resources.IResource.ROOT,
                "the marker is on the workspace root");

        try (DebugEvents events = new DebugEvents()) {
            launch = configuration("debug-established", false).launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = assertInstanceOf(NetStepDebugTarget.class, launch.getDebugTarget());
            Session session = target.session();
            events.context(() -> state(target));

            // ---- first the CONNECT command
            events.next("target SUSPEND(BREAKPOINT) at CONNECT", DebugEvents.of(target, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            DebugEvent atConnect = events.next("thread SUSPEND(BREAKPOINT) at CONNECT",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            W5500Thread connecting = (W5500Thread) atConnect.getSource();
            assertEquals(List.of(connect), List.of(connecting.getBreakpoints()));
            ChipEvent.Command cmd = assertInstanceOf(ChipEvent.Command.class, connecting.cause().event());
            assertEquals(Registers.Sn_CR_CONNECT, cmd.command());
            assertEquals(Registers.SOCK_INIT, cmd.stateBefore());
            LayerStackFrame cmdFrame = (LayerStackFrame) connecting.getTopStackFrame();
            assertEquals(SocketCommandLayer.ID, cmdFrame.layer().id());
            assertEquals("CONNECT", cmdFrame.event().attribute("command"));
            connecting.resume();
            events.next("RESUME(CLIENT_REQUEST) after CONNECT", DebugEvents.of(target, DebugEvent.RESUME, DebugEvent.CLIENT_REQUEST), WAIT);

            // ---- then the socket that became ESTABLISHED
            events.next("target SUSPEND(BREAKPOINT)", DebugEvents.of(target, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            DebugEvent hit = events.next("thread SUSPEND(BREAKPOINT)",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            W5500Thread thread = (W5500Thread) hit.getSource();
            assertTrue(target.isSuspended() && session.isPaused());
            assertTrue(thread.socket() >= 0, "a socket thread, not the chip");
            assertTrue(thread.getName().startsWith("Socket " + thread.socket() + " [SOCK_ESTABLISHED] peer "), thread.getName());
            assertEquals(List.of(bp), List.of(thread.getBreakpoints()));
            ChipEvent.StateChange change = assertInstanceOf(ChipEvent.StateChange.class, thread.cause().event());
            assertEquals(Registers.SOCK_ESTABLISHED, change.to());
            assertEquals(thread.socket(), change.socket());
            assertEquals(connecting, thread);

            // frames: the protocol layers, top first; socket command/state on top of the SPI frame
            IStackFrame[] frames = thread.getStackFrames();
            LayerStackFrame top = (LayerStackFrame) frames[0];
            assertEquals(SocketCommandLayer.ID, top.layer().id(), Arrays.toString(frames));
            assertEquals("state", top.event().type());
            assertEquals("SOCK_ESTABLISHED", top.event().attribute("to"));
            LayerStackFrame bottom = (LayerStackFrame) frames[frames.length - 1];
            assertEquals(SpiFrameLayer.ID, bottom.layer().id(), Arrays.toString(frames));
            for (int i = 1; i < frames.length; i++) {
                assertTrue(((LayerStackFrame) frames[i - 1]).layer().level() > ((LayerStackFrame) frames[i]).layer().level());
            }

            // variables: Sn_SR = 0x17, the fields of the event
            assertTrue(register(top, "Sn_SR").getValue().getValueString().startsWith("0x17 (23) SOCK_ESTABLISHED"),
                    register(top, "Sn_SR").getValue().getValueString());
            assertTrue(register(top, "Sn_SR").hasValueChanged(), "Sn_SR changed since the CONNECT stop");
            assertFalse(register(top, "Sn_MR").hasValueChanged(), "Sn_MR (TCP) did not");
            assertEquals("Sn_SR", top.getVariables()[1].getName());
            assertTrue(top.getVariables()[1].getValue().getValueString().startsWith("0x17"));

            // the virtual clock stands still while suspended
            long frozen = session.clock().nanos();
            Thread.sleep(300);
            assertEquals(frozen, session.clock().nanos(), "virtual clock frozen while suspended");

            // a register edit while suspended reaches the chip
            int block = Registers.socketBlock(thread.socket());
            IVariable ttl = register(bottom, "Sn_TTL");
            assertTrue(ttl.supportsValueModification());
            assertFalse(ttl.verifyValue("0x1FF"), "does not fit one byte");
            assertFalse(ttl.verifyValue("ttl"));
            assertTrue(ttl.verifyValue("0x40"));
            int ttlBefore = session.peek(block, Registers.Sn_TTL);
            ttl.setValue("0x40");
            assertEquals(0x40, session.peek(block, Registers.Sn_TTL));
            events.await("CHANGE(CONTENT) of the edited register", DebugEvents.of(ttl, DebugEvent.CHANGE, DebugEvent.CONTENT), WAIT);
            assertTrue(ttl.getValue().getValueString().startsWith("0x40"));
            assertTrue(ttlBefore != 0x40);
            IVariable dipr = register(bottom, "Sn_DIPR");
            assertTrue(dipr.getValue().getValueString().matches("\\d+\\.\\d+\\.\\d+\\.\\d+ \\(0x\\p{XDigit}{8}\\)"),
                    dipr.getValue().getValueString());

            // ---- step over on the SPI frame: the next SPI frame of this socket
            long stopSeq = thread.cause().seq();
            bottom.stepOver();
            events.next("RESUME(STEP_OVER)", DebugEvents.of(target, DebugEvent.RESUME, DebugEvent.STEP_OVER), WAIT);
            DebugEvent stepped = events.next("thread SUSPEND(STEP_END)",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.STEP_END), WAIT);
            assertEquals(thread, stepped.getSource());
            ChipEvent.SpiFrame next = assertInstanceOf(ChipEvent.SpiFrame.class, thread.cause().event());
            assertTrue(thread.cause().seq() > stopSeq);
            assertEquals(thread.socket(), SpiFrameLayer.socketOf(next.block()));
            LayerStackFrame spi = (LayerStackFrame) thread.getStackFrames()[thread.getStackFrames().length - 1];
            assertEquals(thread.cause().seq(), spi.event().entry().seq(), "the SPI frame frame shows the frame stepped to");
            // the edit was made (and shown) at the last suspend: not a change since then
            assertFalse(register(spi, "Sn_TTL").hasValueChanged());
            assertFalse(register(spi, "Sn_SR").hasValueChanged());
            assertEquals(0x40, session.peek(block, Registers.Sn_TTL));

            // ---- resume: runs to the end, the firmware exits 0
            for (IBreakpoint b : breakpoints) {
                b.delete();
            }
            breakpoints.clear();
            target.resume();
            events.next("RESUME(CLIENT_REQUEST)", DebugEvents.of(target, DebugEvent.RESUME, DebugEvent.CLIENT_REQUEST), WAIT);
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            IProcess process = target.getProcess();
            events.await("process TERMINATE", DebugEvents.of(process, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            String out = process.getStreamsProxy().getOutputStreamMonitor().getContents();
            assertEquals(0, process.getExitValue(), out);
            assertTrue(out.contains("CONNACK rc=0"), out);
            assertTrue(session.isTerminated());
            assertTrue(launch.isTerminated());
            String record = Files.readString(dir.resolve("debug-established.jsonl"));
            assertTrue(record.lines().anyMatch(l -> l.contains("\"type\":\"StateChange\"") && l.contains("\"to\":23")),
                    "the record file has the session, ESTABLISHED included");
            assertTrue(record.contains("\"type\":\"FirmwareExited\""), "... to the end");
        }
    }

    @Test
    void breakOnServerHelloThenOnConnackAndStepToTheNextMqttPacket() throws Exception {
        HandshakeMessageBreakpoint serverHello = new HandshakeMessageBreakpoint("ServerHello", true);
        MqttPacketBreakpoint connack = new MqttPacketBreakpoint("CONNACK", null, true);
        breakpoints.add(serverHello);
        breakpoints.add(connack);
        try (DebugEvents events = new DebugEvents()) {
            launch = configuration("debug-tls-mqtt", false).launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();

            // ServerHello, decoded by the session's analysis: the TLS message frame is on top
            events.next("target SUSPEND(BREAKPOINT) at ServerHello", DebugEvents.of(target, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND at ServerHello",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            assertEquals(List.of(serverHello), List.of(thread.getBreakpoints()));
            assertTrue(thread.socket() >= 0);
            LayerStackFrame top = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.TLS_HANDSHAKE, top.layer().id(), Arrays.toString(thread.getStackFrames()));
            assertEquals("ServerHello", top.event().type());
            assertEquals("server", top.event().attribute("side"));
            List<String> layers = Arrays.stream(thread.getStackFrames()).map(f -> ((LayerStackFrame) f).layer().id()).toList();
            assertTrue(layers.containsAll(List.of(AnalysisLayers.TLS_HANDSHAKE, AnalysisLayers.TLS_RECORD, SpiFrameLayer.ID)), layers.toString());
            assertTrue(target.session().isPaused());

            // resume to the CONNACK (decrypted with the firmware's key log)
            target.resume();
            events.next("target SUSPEND(BREAKPOINT) at CONNACK", DebugEvents.of(target, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT);
            W5500Thread at = (W5500Thread) events.next("thread SUSPEND at CONNACK",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            assertEquals(thread, at);
            assertEquals(List.of(connack), List.of(at.getBreakpoints()));
            LayerStackFrame mqtt = (LayerStackFrame) at.getTopStackFrame();
            assertEquals(AnalysisLayers.MQTT_PACKET, mqtt.layer().id());
            assertEquals("CONNACK", mqtt.event().type());

            // step over at the MQTT layer: the next MQTT packet on this socket
            mqtt.stepOver();
            events.next("RESUME(STEP_OVER)", DebugEvents.of(target, DebugEvent.RESUME, DebugEvent.STEP_OVER), WAIT);
            events.next("thread SUSPEND(STEP_END)", DebugEvents.of(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END), WAIT);
            LayerStackFrame next = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.MQTT_PACKET, next.layer().id());
            assertTrue(List.of("SUBSCRIBE", "PUBLISH").contains(next.event().type()), next.event().summary());
            assertTrue(next.event().entry().seq() > mqtt.event().entry().seq());

            target.terminate();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        }
    }

    @Test
    void runModeRunsTheFirmwareToTheEndWithoutADebugTarget() throws Exception {
        try (DebugEvents events = new DebugEvents()) {
            launch = configuration("run-mode", false).launch(ILaunchManager.RUN_MODE, null);
            assertEquals(null, launch.getDebugTarget());
            IProcess process = launch.getProcesses()[0];
            events.await("process TERMINATE", DebugEvents.of(process, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            String out = process.getStreamsProxy().getOutputStreamMonitor().getContents();
            assertEquals(0, process.getExitValue(), out);
            assertTrue(out.contains("RECEIVED netstep/debug/run-mode hello from the debugger"), out);
            assertTrue(launch.isTerminated());
        }
    }

    @Test
    void stopAtTheFirstSpiFrameSuspendOnRequestAndTerminate() throws Exception {
        try (DebugEvents events = new DebugEvents()) {
            launch = configuration("debug-terminate", true).launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            Session session = target.session();

            DebugEvent first = events.next("SUSPEND(STEP_END) at the first SPI frame",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.STEP_END), WAIT);
            W5500Thread thread = (W5500Thread) first.getSource();
            assertInstanceOf(ChipEvent.SpiFrame.class, thread.cause().event());
            assertEquals(1, session.log().snapshot().stream().filter(e -> e.event() instanceof ChipEvent.SpiFrame).count(),
                    "stopped at the very first SPI frame");
            assertNotNull(thread.getTopStackFrame());

            target.resume();
            events.next("RESUME", DebugEvents.of(target, DebugEvent.RESUME, DebugEvent.CLIENT_REQUEST), WAIT);
            target.suspend();
            events.next("SUSPEND(CLIENT_REQUEST)", DebugEvents.of(target, DebugEvent.SUSPEND, DebugEvent.CLIENT_REQUEST), WAIT);
            assertTrue(session.isPaused());
            long frozen = session.clock().nanos();
            Thread.sleep(300);
            assertEquals(frozen, session.clock().nanos(), "virtual clock frozen while suspended");
            assertFalse(ReferenceFirmware.alive().isEmpty(), "the firmware waits in the bridge");

            target.terminate();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            events.await("process TERMINATE", DebugEvents.of(target.getProcess(), DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
            assertTrue(session.isTerminated());
            assertTrue(target.isTerminated() && launch.isTerminated());
            assertEquals(List.of(), ReferenceFirmware.alive());
        }
    }
}
