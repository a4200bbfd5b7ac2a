package io.netstep.debug.tests;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.session.JsonlRecorder;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;

import java.util.List;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;

/** Launch configurations of the reference firmware for the tests, and failure context. */
final class Launches {

    private Launches() { }

    /** The reference firmware (mbedTLS) against the embedded TLS broker, publishing and waiting for its message. */
    static ILaunchConfigurationWorkingCopy embeddedBroker(String name, String... extraArguments) throws Exception {
        ILaunchConfigurationWorkingCopy wc = newConfiguration(name);
        wc.setAttribute(LaunchAttributes.ARGUMENTS, "--dhcp --broker broker.netstep.test --ca "
                + LaunchAttributes.BROKER_CA_ARGUMENT + " --client-id " + name
                + " --topic netstep/debug/" + name + " --message \"hello from the debugger\" --wait-message 10 "
                + String.join(" ", extraArguments));
        wc.setAttribute(LaunchAttributes.BROKER, LaunchAttributes.EMBEDDED_BROKER);
        return wc;
    }

    /** The reference firmware against a real mosquitto over TLS (an external broker: everything it connects to goes there). */
    static ILaunchConfigurationWorkingCopy mosquitto(String name, MosquittoBroker broker) throws Exception {
        ILaunchConfigurationWorkingCopy wc = newConfiguration(name);
        wc.setAttribute(LaunchAttributes.ARGUMENTS, "--dhcp --broker broker.netstep.test --ca " + broker.ca()
                + " --client-id " + name + " --topic netstep/debug/" + name
                + " --message \"hello from the debugger\" --wait-message 10");
        wc.setAttribute(LaunchAttributes.BROKER, "127.0.0.1:" + broker.port());
        return wc;
    }

    static ILaunchConfigurationWorkingCopy newConfiguration(String name) throws Exception {
        ILaunchManager m = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = m.getLaunchConfigurationType(NetStepDebug.LAUNCH_TYPE_ID).newInstance(null, name);
        wc.setAttribute(LaunchAttributes.FIRMWARE, ReferenceFirmware.mbedtls().toString());
        return wc;
    }

    /** For failure messages: run state, breakpoints, the end of the log and the firmware's output. */
    static String state(NetStepDebugTarget target) {
        Session s = target.session();
        List<LogEntry> log = s.log().snapshot();
        StringBuilder b = new StringBuilder("session paused=" + s.isPaused() + " terminated=" + s.isTerminated()
                + " breakpoints=" + s.breakpoints() + " log size=" + log.size() + "\n");
        for (LogEntry e : log.subList(Math.max(0, log.size() - 25), log.size())) {
            b.append("  ").append(JsonlRecorder.line(e)).append('\n');
        }
        try {
            b.append("firmware out: ").append(target.getProcess().getStreamsProxy().getOutputStreamMonitor().getContents())
                    .append("\nfirmware err: ").append(target.getProcess().getStreamsProxy().getErrorStreamMonitor().getContents());
        } catch (RuntimeException e) {
            b.append(e);
        }
        return b.toString();
    }
}
