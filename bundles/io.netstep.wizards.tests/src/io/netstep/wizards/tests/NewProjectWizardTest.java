package io.netstep.wizards.tests;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.testing.MosquittoBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.preflight.Check;
import io.netstep.preflight.PreflightReport;
import io.netstep.preflight.StepResult;
import io.netstep.project.BrokerProfile;
import io.netstep.project.ProjectSpec;
import io.netstep.project.TlsLibrary;
import io.netstep.project.TlsVersion;
import io.netstep.wizards.newproject.BoardPage;
import io.netstep.wizards.newproject.BrokerPage;
import io.netstep.wizards.newproject.NewProjectWizard;
import io.netstep.wizards.newproject.TlsPage;
import io.netstep.wizards.peer.MqttPeerView;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the New Project wizard in a real WizardDialog: the PA7 warning, a preflight against a real
 * mosquitto (mutual TLS, the test PKI), the measured record feeding the TLS page, certificate
 * findings, Finish creating the workspace project. Screenshots of every page.
 */
class NewProjectWizardTest {

    /** Exposes the dialog's buttons' actions. */
    static final class Dialog extends WizardDialog {
        Dialog(Shell parent, NewProjectWizard w) {
            super(parent, w);
        }

        void next() {
            nextPressed();
        }

        void finish() {
            finishPressed();
        }

        /** What the Cancel button of the wizard's progress part does. */
        void cancelRun() {
            getProgressMonitor().setCanceled(true);
        }
    }

    private NewProjectWizard wizard;
    private Dialog dialog;

    @BeforeEach
    void open() {
        wizard = new NewProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), null);
        dialog = new Dialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.create();
        dialog.getShell().setSize(860, 760);
        dialog.open();
        Ui.settle(200);
    }

    @AfterEach
    void close() {
        if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
    }

    static Path checkout() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("native/shim"))) {
            p = p.getParent();
        }
        assertNotNull(p, "the NetStep checkout (native/shim) above " + Path.of("").toAbsolutePath());
        return p;
    }

    @Test
    void walksThePagesRunsThePreflightAndCreatesTheProject(@TempDir Path tmp) throws Exception {
        TestPki pki = TestPki.generate();
        try (MosquittoBroker m = MosquittoBroker.tls(pki, tmp.resolve("broker"), "require_certificate true")) {
            BoardPage board = wizard.boardPage();
            assertSame(board, dialog.getCurrentPage());
            // the preset's MOSI is PA7: the JP6 warning is on screen
            assertEquals("PA7", board.pin("MOSI"));
            assertTrue(board.isPa7WarningShown(), "PA7 warning shown");
            assertTrue(board.pa7Warning().contains("JP6"), board.pa7Warning());
            Ui.screenshot(dialog.getShell(), "wizard-1-board");
            board.setPin("MOSI", "PB5");
            assertFalse(board.isPa7WarningShown(), "no PA7 warning with MOSI on PB5");
            board.setPin("CS (SCSn)", "PZ9");
            assertFalse(board.isPageComplete(), "a pin that does not exist stops the page");
            board.setPin("CS (SCSn)", "PD14");
            assertTrue(board.isPageComplete(), board.getErrorMessage());

            dialog.next();
            BrokerPage broker = wizard.brokerPage();
            assertSame(broker, dialog.getCurrentPage());
            broker.setProfile(BrokerProfile.MOSQUITTO);
            broker.setHost("localhost");
            broker.setPort(m.port());
            TlsPage tls = wizard.tlsPage();
            tls.setCaFile(m.pem().ca());
            tls.setClientCertificateFile(m.pem().clientCert());
            tls.setClientKeyFile(m.pem().clientKey());

            PreflightReport report = broker.runPreflight();
            assertNotNull(report, broker.getErrorMessage());
            assertTrue(report.passed(), report.verdict() + "\n" + String.join("\n", broker.stepRows()) + "\n" + m.log());
            assertEquals(report.steps().size(), broker.stepRows().size(), "one row per check");
            assertTrue(broker.stepRows().stream().anyMatch(r -> r.startsWith("OK | MQTT CONNECT")), String.join("\n", broker.stepRows()));
            assertEquals(report.verdict(), broker.verdict());
            assertTrue(report.largestRecordLength() > 0, "the largest handshake record was measured");
            int expected = Math.max(1024, (report.largestRecordLength() + 1023) / 1024 * 1024);
            assertEquals(expected, tls.inputBufferBytes(), "the TLS input buffer comes from the preflight");
            if (report.steps().stream().noneMatch(st -> st.status() == io.netstep.preflight.Status.WARNING)) {
                assertTrue(broker.details().contains(Check.RECORD_SIZE.title()), "a clean run shows the record size: " + broker.details());
            }
            Ui.screenshot(dialog.getShell(), "wizard-2-broker-preflight");

            dialog.next();
            assertSame(wizard.mqttPage(), dialog.getCurrentPage());
            assertEquals("nucleo01", wizard.mqttPage().clientId());
            assertTrue(wizard.mqttPage().isPasswordMasked(), "the password field masks what is typed");
            wizard.mqttPage().setUserName("device7");
            wizard.mqttPage().setPassword("pw-7");
            assertTrue(wizard.mqttPage().isPageComplete(), wizard.mqttPage().getErrorMessage());
            Ui.screenshot(dialog.getShell(), "wizard-3-mqtt");

            dialog.next();
            assertSame(tls, dialog.getCurrentPage());
            tls.setLibrary(TlsLibrary.WOLFSSL);
            tls.setVersion(TlsVersion.TLS_1_3);
            tls.setOutputBufferBytes(3072);
            assertTrue(tls.isPageComplete(), tls.getErrorMessage());
            assertEquals(io.netstep.preflight.PreflightSettings.TlsVersion.TLS_1_3, broker.tlsVersion(),
                    "the preflight tries the version the firmware pins");
            assertTrue(tls.findings().stream().noneMatch(f -> f.severity() == io.netstep.certs.Severity.ERROR), tls.findingsText());
            assertTrue(tls.findingsText().contains("NetStep Test CA"), tls.findingsText());
            Ui.screenshot(dialog.getShell(), "wizard-4-tls");

            dialog.next();
            assertSame(wizard.projectPage(), dialog.getCurrentPage());
            Path root = checkout();
            wizard.projectPage().setProjectName("nucleo_wizard_test");
            wizard.projectPage().setIoLibraryDir(root.resolve("native/firmware/wiznet"));
            // the shim is copied into the project by default: no NetStep checkout needed
            assertTrue(wizard.projectPage().copiesShim());
            assertTrue(wizard.projectPage().opensPeer(), "Finish opens the MQTT Peer view by default");
            assertTrue(wizard.projectPage().isPageComplete(), wizard.projectPage().getErrorMessage());
            Ui.screenshot(dialog.getShell(), "wizard-5-project");

            // every field reached the generator's spec
            ProjectSpec spec = wizard.spec();
            assertEquals("device7", spec.mqtt().userName());
            assertEquals("pw-7", spec.mqtt().password());
            assertEquals(TlsVersion.TLS_1_3, spec.tls().version());
            assertEquals(TlsLibrary.WOLFSSL, spec.tls().library());
            assertEquals(3072, spec.tls().outputBufferBytes());
            assertTrue(spec.copiesShim(), "no shim folder: copied");
            assertEquals(List.of(), spec.errors());

            dialog.finish();
            assertNull(dialog.getShell(), "Finish closed the dialog: " + wizard.projectPage().getErrorMessage());

            // the MQTT Peer view opened on the project's broker, filled in, and it connects and subscribes
            MqttPeerView peer = wizard.openedPeer();
            assertNotNull(peer, "Finish opened the MQTT Peer view");
            assertEquals("localhost", peer.host());
            assertEquals(Integer.toString(m.port()), peer.port());
            assertEquals("nucleo01-peer", peer.clientId(), "not the device's client ID: the broker would drop the device");
            assertEquals("device7", peer.userName());
            assertEquals(m.pem().ca().toString(), peer.caFile());
            assertEquals("netstep/nucleo01/telemetry", peer.subscriptionFilter());
            assertEquals("netstep/nucleo01/commands", peer.publicationTopic());
            peer.connect();
            Ui.until(() -> peer.isConnected() || !peer.status().startsWith("Connecting"),
                    "the prefilled peer connects");
            assertTrue(peer.isConnected(), peer.status() + "\n" + m.log());
            peer.subscribe();
            Ui.until(() -> peer.subscriptions().contains("netstep/nucleo01/telemetry"), "the peer subscribes to the device's topic");
            var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            page.setPartState(page.getReference(peer), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
            Ui.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "peer-prefilled-by-wizard");
            page.setPartState(page.getReference(peer), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
            assertTrue(m.log().contains("u'device7'"), "the peer sent the project's user name:\n" + m.log());
            peer.disconnect();
        }
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject("nucleo_wizard_test");
        try {
            assertTrue(p.exists() && p.isOpen(), "the project is in the workspace and open");
            for (String f : new String[] {".project", ".cproject", ".mxproject", "nucleo_wizard_test.ioc", "Core/Src/w5500_port.c",
                    "Core/Src/tls_port.c", "Core/Src/mqtt_app.c", "Core/Src/netstep_certs.c", "NetStep/host.mk"}) {
                assertTrue(p.getFile(f).exists(), f + " is a workspace file");
            }
            IFolder lib = p.getFolder("ioLibrary");
            assertTrue(lib.exists() && lib.isLinked(), "ioLibrary is a linked folder");
            assertEquals(checkout().resolve("native/firmware/wiznet").toRealPath(), Path.of(lib.getLocation().toOSString()).toRealPath());
            String config = Files.readString(Path.of(p.getFile("Core/Inc/netstep_app_config.h").getLocation().toOSString()));
            assertTrue(config.contains("localhost"), "the broker host reached the firmware config:\n" + config);
            String tlsPort = Files.readString(Path.of(p.getFile("Core/Src/tls_port.c").getLocation().toOSString()));
            assertTrue(tlsPort.contains("wolfSSL"), "the wolfSSL glue was chosen");
            assertTrue(wizard.generated().files().contains("Core/Inc/w5500_port.h"));
            assertTrue(config.contains("#define NETSTEP_TLS_VERSION 0x0304") && config.contains("#define NETSTEP_TLS_OUT_CONTENT_LEN 3072"), config);
            assertFalse(config.contains("pw-7"), "the password is not in the config");
            Path secrets = Path.of(p.getFile("Core/Inc/netstep_secrets.h").getLocation().toOSString());
            assertTrue(Files.readString(secrets).contains("#define NETSTEP_MQTT_PASSWORD \"pw-7\""));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
            assertTrue(p.getFile("NetStep/shim/netstep_shim.c").exists(), "the shim was copied into the project");
        } finally {
            p.delete(true, true, new NullProgressMonitor());
        }
    }

    @Test
    void theTlsAndMqttPagesRefuseWhatTheFirmwareCannotDo() {
        TlsPage tls = wizard.tlsPage();
        dialog.showPage(tls);
        tls.setLibrary(TlsLibrary.MBEDTLS);
        tls.setVersion(TlsVersion.TLS_1_3);
        assertFalse(tls.isPageComplete());
        assertTrue(tls.getErrorMessage().contains("only TLS 1.2"), tls.getErrorMessage());
        Ui.screenshot(dialog.getShell(), "wizard-4c-tls-mbedtls-1.3");
        tls.setLibrary(TlsLibrary.WOLFSSL);
        assertTrue(tls.isPageComplete(), tls.getErrorMessage());

        dialog.showPage(wizard.mqttPage());
        wizard.mqttPage().setPassword("only-a-password");
        assertFalse(wizard.mqttPage().isPageComplete(), "a password without a user name");
        wizard.mqttPage().setUserName("u1");
        assertTrue(wizard.mqttPage().isPageComplete(), wizard.mqttPage().getErrorMessage());

        dialog.showPage(wizard.projectPage());
        wizard.projectPage().setShimDir(Path.of("/nonexistent/native/shim"));
        wizard.projectPage().setProjectName("nucleo_shim_check");
        wizard.projectPage().setIoLibraryDir(checkout().resolve("native/firmware/wiznet"));
        assertFalse(wizard.projectPage().isPageComplete(), "a shim folder that does not exist");
        wizard.projectPage().setShimDir(null);
        assertTrue(wizard.projectPage().isPageComplete(), wizard.projectPage().getErrorMessage());
        assertNull(wizard.spec().shimDir(), "copy: no folder in the spec");
    }

    @Test
    void aPreflightAgainstTheWrongPortShowsTheCause(@TempDir Path tmp) throws Exception {
        TestPki pki = TestPki.generate();
        try (MosquittoBroker m = MosquittoBroker.tls(pki, tmp.resolve("broker"))) {
            dialog.next();
            BrokerPage broker = wizard.brokerPage();
            broker.setProfile(BrokerProfile.MOSQUITTO);
            broker.setHost("localhost");
            int wrong = MosquittoBroker.freePort();
            broker.setPort(wrong);
            wizard.tlsPage().setCaFile(m.pem().ca());
            PreflightReport report = broker.runPreflight();
            assertNotNull(report, broker.getErrorMessage());
            StepResult failure = report.firstFailure().orElseThrow(() -> new AssertionError("passed on a closed port: " + report.verdict()));
            assertEquals(Check.TCP_CONNECT, failure.check());
            assertFalse(failure.cause().isEmpty());
            assertTrue(broker.details().contains(failure.cause()), "the cause is on the page: " + broker.details());
            assertTrue(broker.details().contains("Fix: " + failure.fix()), broker.details());
            assertTrue(broker.verdict().startsWith("FAILED at TCP connect"), broker.verdict());
            assertTrue(broker.stepRows().get(0).startsWith("OK | "), String.join("\n", broker.stepRows()));
            Ui.screenshot(dialog.getShell(), "wizard-2b-broker-wrong-port");
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsFoundOnTheTlsPage(@TempDir Path tmp) throws Exception {
        TestPki.PemFiles a = TestPki.generate().writePem(tmp.resolve("a"));
        TestPki.PemFiles b = TestPki.generate().writePem(tmp.resolve("b"));
        TlsPage tls = wizard.tlsPage();
        dialog.showPage(tls);
        tls.setCaFile(a.ca());
        tls.setClientCertificateFile(a.clientCert());
        tls.setClientKeyFile(b.clientKey());
        assertTrue(tls.findings().stream().anyMatch(f -> f.code().equals("key-mismatch")), tls.findingsText());
        assertTrue(tls.findingsText().contains("does not belong"), tls.findingsText());
        tls.setClientKeyFile(a.clientKey());
        assertTrue(tls.findings().stream().noneMatch(f -> f.code().equals("key-mismatch")), tls.findingsText());
        tls.setClientKeyFile(tmp.resolve("missing.pem"));
        assertNotNull(tls.getErrorMessage(), "an unreadable key file is an error");
        assertFalse(tls.isPageComplete());
        tls.setClientKeyFile(b.clientKey());
        Ui.screenshot(dialog.getShell(), "wizard-4b-tls-key-mismatch");
    }

    @Test
    void cancelStopsAPreflightThatWaitsOnASilentBroker() throws Exception {
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept()); // accepts and never answers
                        accepted.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            dialog.next();
            BrokerPage broker = wizard.brokerPage();
            broker.setProfile(BrokerProfile.CUSTOM);
            broker.setHost("localhost");
            broker.setPort(server.getLocalPort());
            // press Cancel once the TLS handshake's connection (the second one) waits on the silent broker
            Display d = Display.getCurrent();
            Runnable[] poll = new Runnable[1];
            poll[0] = () -> {
                if (accepted.get() >= 2) {
                    dialog.cancelRun();
                } else {
                    d.timerExec(20, poll[0]);
                }
            };
            d.timerExec(20, poll[0]);
            PreflightReport report = broker.runPreflight();
            assertNotNull(report);
            assertTrue(report.cancelled(), report.verdict());
            assertEquals("CANCELLED", broker.verdict());
            assertTrue(broker.stepRows().stream().anyMatch(r -> r.startsWith("OK | TCP connect")), String.join("\n", broker.stepRows()));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void awsIotShapesTheClientIdAndTopicsFromTheThingName() {
        dialog.next();
        BrokerPage broker = wizard.brokerPage();
        broker.setProfile(BrokerProfile.AWS_IOT);
        assertFalse(broker.isPageComplete(), "AWS IoT needs the endpoint and the thing name");
        broker.setHost("a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com");
        assertFalse(broker.isPageComplete(), "AWS IoT needs the thing name");
        broker.setThingName("meter7");
        assertTrue(broker.isPageComplete(), broker.getErrorMessage());
        dialog.next();
        assertEquals("meter7", wizard.mqttPage().clientId());
        assertEquals(List.of("things/meter7/telemetry", "things/meter7/commands"), wizard.mqttPage().topics());
        wizard.mqttPage().setClientId("other");
        assertNotNull(wizard.mqttPage().getMessage(), "a client ID other than the thing name is warned about");
        Ui.screenshot(dialog.getShell(), "wizard-3b-mqtt-aws");
    }

    @Test
    void theWizardAndTheViewAreContributed() throws Exception {
        org.eclipse.ui.wizards.IWizardDescriptor d = PlatformUI.getWorkbench().getNewWizardRegistry().findWizard("io.netstep.wizards.newProject");
        assertNotNull(d, "in File > New > Other…");
        assertEquals("STM32 + W5500 MQTT/TLS Project", d.getLabel());
        assertEquals("NetStep", d.getCategory().getLabel());
        assertTrue(d.createWizard() instanceof NewProjectWizard);
        org.eclipse.ui.views.IViewDescriptor v = PlatformUI.getWorkbench().getViewRegistry().find(io.netstep.wizards.peer.MqttPeerView.ID);
        assertNotNull(v, "the MQTT Peer view is registered");
        assertEquals("MQTT Peer", v.getLabel());
        // plugin.xml names only the id "io.netstep.ui": the label comes from io.netstep.ui's category
        assertEquals(List.of("NetStep"), List.of(v.getCategoryPath()), "in the NetStep view category");
    }
}
