package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.launch.LaunchSettings;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.net.broker.TestPki;
import io.netstep.session.diagnosis.Confidence;
import io.netstep.testing.ReferenceFirmware;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch's project folder ({@link LaunchAttributes#PROJECT_DIR}) reaches the live
 * diagnosis: the reference firmware fails its TLS setup (--bug-f6) and the F6 finding the
 * debugger stops at names the project's broken certificate array by file and line.
 */
class ProjectDiagnosisTest {

    private static final long WAIT = 120;

    @TempDir
    Path dir;
    private ILaunch launch;
    private DiagnosisBreakpoint breakpoint;

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        if (breakpoint != null) {
            breakpoint.delete();
        }
        assertEquals(List.of(), ReferenceFirmware.alive(), "no firmware process is left running");
    }

    /** Core/Src/certs.c: a PEM CA array handed to mbedTLS with strlen, i.e. without its NUL. */
    private Path brokenProject() throws Exception {
        Path src = Files.createDirectories(dir.resolve("proj/Core/Src"));
        StringBuilder c = new StringBuilder("#include <string.h>\n#include \"mbedtls/ssl.h\"\nconst unsigned char ca_pem[] =\n");
        c.append("\"-----BEGIN CERTIFICATE-----\\n\"\n");
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(TestPki.generate().caCertificate().getEncoded());
        for (String line : b64.split("\n")) {
            c.append('"').append(line).append("\\n\"\n");
        }
        c.append("\"-----END CERTIFICATE-----\\n\";\n\nint load(mbedtls_x509_crt *ca)\n{\n");
        c.append("    return mbedtls_x509_crt_parse(ca, ca_pem, strlen((const char *) ca_pem));\n}\n");
        Files.writeString(src.resolve("certs.c"), c.toString(), StandardCharsets.US_ASCII);
        return dir.resolve("proj");
    }

    @Test
    void f6StopShowsTheProjectsArrayAsEvidence() throws Exception {
        Path project = brokenProject();
        breakpoint = new DiagnosisBreakpoint("F6", Confidence.LIKELY, true);
        try (DebugEvents events = new DebugEvents()) {
            ILaunchConfigurationWorkingCopy wc = Launches.embeddedBroker("diag-f6-project", "--bug-f6");
            wc.setAttribute(LaunchAttributes.PROJECT_DIR, project.toString());
            launch = wc.doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND(BREAKPOINT) at F6",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            LayerStackFrame top = (LayerStackFrame) thread.getTopStackFrame();
            assertEquals(AnalysisLayers.DIAGNOSIS, top.layer().id());
            assertEquals("F6", top.event().attribute("id"));
            // without the project F6 is only POSSIBLE: the breakpoint (likely or surer) proves the source side arrived
            assertTrue(List.of("LIKELY", "CERTAIN").contains(top.event().attribute("confidence")), top.event().attribute("confidence"));
            List<String> evidence = new ArrayList<>();
            for (IVariable v : top.getVariables()) {
                if (v.getName().startsWith("evidence")) {
                    evidence.add(v.getValue().getValueString());
                }
            }
            assertTrue(evidence.stream().anyMatch(e -> e.contains("Core/Src/certs.c:") && e.contains("[pem-missing-nul]")),
                    Arrays.toString(evidence.toArray()));
            target.resume();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        }
    }

    @Test
    void missingProjectFolderFailsTheLaunchSaysWhich() throws Exception {
        ILaunchConfigurationWorkingCopy wc = Launches.embeddedBroker("diag-f6-missing");
        wc.setAttribute(LaunchAttributes.PROJECT_DIR, dir.resolve("nowhere").toString());
        CoreException e = assertThrows(CoreException.class, () -> LaunchSettings.read(wc));
        assertTrue(e.getMessage().contains("project folder") && e.getMessage().contains("nowhere"), e.getMessage());
        wc.setAttribute(LaunchAttributes.PROJECT_DIR, dir.toString());
        assertEquals(dir.toAbsolutePath(), LaunchSettings.read(wc).projectDir());
        wc.setAttribute(LaunchAttributes.PROJECT_DIR, "");
        assertEquals(null, LaunchSettings.read(wc).projectDir());
    }
}
