package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.cloud.AwsIotOptions;
import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.session.diagnosis.Confidence;
import io.netstep.session.LogEntry;
import io.netstep.session.SessionEvent;
import io.netstep.testing.ReferenceFirmware;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch with the cloud profile "aws-iot:THING", as {@code netstep run --cloud}: the AWS IoT
 * Core emulator answers at its endpoint name, the firmware gets the device's files through
 * the launch's argument variables, and the emulator's decisions land in the event log.
 */
class CloudLaunchTest {

    private static final String THING = "netstep-thing";
    private static final long WAIT = 120;

    @TempDir
    Path dir;

    private ILaunch launch;

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        assertEquals(List.of(), ReferenceFirmware.alive(), "no firmware process is left running");
    }

    private ILaunchConfigurationWorkingCopy cloud(String name, String topic) throws Exception {
        ILaunchConfigurationWorkingCopy wc = Launches.newConfiguration(name);
        wc.setAttribute(LaunchAttributes.CLOUD_PROFILE, "aws-iot:" + THING);
        wc.setAttribute(LaunchAttributes.CLOUD_CERTS_DIR, dir.resolve("certs").toString());
        wc.setAttribute(LaunchAttributes.ARGUMENTS, "--dhcp --broker " + LaunchAttributes.CLOUD_ENDPOINT_ARGUMENT
                + " --ca " + LaunchAttributes.CLOUD_CA_ARGUMENT + " --cert " + LaunchAttributes.CLOUD_CERT_ARGUMENT
                + " --key " + LaunchAttributes.CLOUD_KEY_ARGUMENT + " --client-id " + THING
                + " --topic " + topic + " --message hi --wait-message 10");
        wc.setAttribute(LaunchAttributes.RECORD_FILE, dir.resolve(name + ".jsonl").toString());
        return wc;
    }

    /** Runs to the end in debug mode (no breakpoints); the cloud's notes from the log. */
    private List<String> runToTheEnd(ILaunchConfigurationWorkingCopy wc, DebugEvents events) throws Exception {
        launch = wc.doSave().launch(ILaunchManager.DEBUG_MODE, null);
        NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
        events.context(() -> Launches.state(target));
        events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        events.await("process TERMINATE", DebugEvents.of(target.getProcess(), DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        return target.session().log().snapshot().stream().map(LogEntry::event)
                .filter(e -> e instanceof SessionEvent.NetworkNote n && n.kind().equals("cloud"))
                .map(e -> ((SessionEvent.NetworkNote) e).message()).toList();
    }

    @Test
    void anAllowedTopicConnectsThroughTheEmulatedEndpoint() throws Exception {
        try (DebugEvents events = new DebugEvents()) {
            List<String> notes = runToTheEnd(cloud("cloud-allowed", THING + "/test"), events);
            String out = launch.getProcesses()[0].getStreamsProxy().getOutputStreamMonitor().getContents();
            assertEquals(0, launch.getProcesses()[0].getExitValue(), out);
            assertTrue(out.contains("CONNACK rc=0"), out);
            assertTrue(out.contains("RECEIVED " + THING + "/test hi"), "the thing-scoped policy allows it\n" + out);
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("aws-iot TLS_ACCEPTED")), notes.toString());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("aws-iot CONNECTED") && n.contains("client-id='" + THING + "'")),
                    notes.toString());
            assertTrue(notes.stream().noneMatch(n -> n.contains("DENIED")), notes.toString());
            // the device's files were written where asked, and the record has the cloud's notes
            assertTrue(Files.isRegularFile(dir.resolve("certs/" + THING + ".private.key")));
            assertTrue(Files.readString(dir.resolve("cloud-allowed.jsonl")).contains("aws-iot CONNECTED"));
            assertTrue(AwsIotOptions.DEFAULT_ENDPOINT.endsWith(".amazonaws.com"));
        }
    }

    @Test
    void aTopicOutsideThePolicyIsClosedByTheEmulator() throws Exception {
        try (DebugEvents events = new DebugEvents()) {
            List<String> notes = runToTheEnd(cloud("cloud-denied", "other/topic"), events);
            String out = launch.getProcesses()[0].getStreamsProxy().getOutputStreamMonitor().getContents();
            assertNotEquals(0, launch.getProcesses()[0].getExitValue(), out);
            assertFalse(out.contains("RECEIVED other/topic"), out);
            assertTrue(notes.stream().anyMatch(n -> n.contains("_DENIED") && n.contains("topic='other/topic'")), notes.toString());
        }
    }

    /** The emulator's denial is in the log as it happens, so the live diagnosis names F11 while the firmware still runs. */
    @Test
    void aPolicyDenialStopsAtTheF11Diagnosis() throws Exception {
        DiagnosisBreakpoint f11 = new DiagnosisBreakpoint("F11", Confidence.CERTAIN, true);
        try (DebugEvents events = new DebugEvents()) {
            launch = cloud("cloud-f11", "other/topic").doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND(BREAKPOINT) at F11",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            assertEquals(List.of(f11), List.of(thread.getBreakpoints()));
            LayerStackFrame top = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.DIAGNOSIS, top.layer().id());
            assertEquals("F11", top.event().attribute("id"));
            assertEquals("CERTAIN", top.event().attribute("confidence"), "the cloud's own decision is in the log");
            assertTrue(Arrays.stream(top.getVariables()).anyMatch(v -> {
                try {
                    return v.getValue().getValueString().contains("aws-iot ") && v.getValue().getValueString().contains("DENIED");
                } catch (Exception e) {
                    return false;
                }
            }), "the evidence quotes the emulator's note");
            assertTrue(thread.socket() >= 0);
            target.terminate();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        } finally {
            f11.delete();
        }
    }

    @Test
    void anUnknownCloudProfileFailsTheLaunchSayingWhich() throws Exception {
        ILaunchConfigurationWorkingCopy wc = cloud("cloud-unknown", "x");
        wc.setAttribute(LaunchAttributes.CLOUD_PROFILE, "azure");
        CoreException e = assertThrows(CoreException.class, () -> wc.doSave().launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(e.getMessage().contains("unknown cloud profile 'azure'"), e.getMessage());
        assertEquals(List.of(), ReferenceFirmware.alive());
    }
}
