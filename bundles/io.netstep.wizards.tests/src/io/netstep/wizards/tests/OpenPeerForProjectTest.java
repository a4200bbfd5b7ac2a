package io.netstep.wizards.tests;

import static org.junit.jupiter.api.Assertions.*;

import io.netstep.testing.MosquittoBroker;
import io.netstep.net.broker.TestPki;
import io.netstep.project.BrokerProfile;
import io.netstep.project.ProgressListener;
import io.netstep.project.ProjectGenerator;
import io.netstep.project.ProjectSpec;
import io.netstep.wizards.peer.MqttPeerView;
import io.netstep.wizards.peer.OpenPeerForProjectHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.Command;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Open MQTT Peer for this Broker" on a generated project: the Peer view is filled in from the
 * project's sources (host, port, client ID + "-peer", topics, user name and password, the CA of its
 * C array) and connects to the real mosquitto with them.
 */
class OpenPeerForProjectTest {

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static IProject importProject(Path dir, String name) throws Exception {
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        IProjectDescription d = ws.loadProjectDescription(IPath.fromOSString(dir.resolve(".project").toString()));
        d.setName(name);
        d.setLocation(IPath.fromOSString(dir.toString()));
        IProject p = ws.getRoot().getProject(name);
        p.create(d, new NullProgressMonitor());
        p.open(new NullProgressMonitor());
        return p;
    }

    @Test
    void theCommandIsContributed() {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command c = commands.getCommand("io.netstep.wizards.openPeerForProject");
        assertTrue(c.isDefined(), "the command is declared");
        assertEquals("Open MQTT Peer for this Broker", assertDoesNotThrow(c::getName));
    }

    @Test
    void aGeneratedProjectFillsInThePeerThatThenConnects(@TempDir Path tmp) throws Exception {
        TestPki pki = TestPki.generate();
        try (MosquittoBroker m = MosquittoBroker.tls(pki, tmp.resolve("broker"))) {
            ProjectSpec spec = ProjectSpec.builder("peer_from_project").profile(BrokerProfile.MOSQUITTO).host("localhost")
                    .port(m.port()).ca(m.pem().ca()).clientId("dev42").topic("site/dev42/up").topic("site/dev42/down")
                    .userName("peeruser").password("pw \"42\"").ioLibrary(NewProjectWizardTest.checkout()
                            .resolve("native/firmware/wiznet").toString()).build();
            Path dir = tmp.resolve("peer_from_project");
            ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
            IProject project = importProject(dir, "peer_from_project");
            MqttPeerView view = null;
            try {
                view = OpenPeerForProjectHandler.open(page(), project);
                assertEquals("localhost", view.host());
                assertEquals(Integer.toString(m.port()), view.port());
                assertEquals("dev42-peer", view.clientId());
                assertEquals("peeruser", view.userName());
                assertEquals("site/dev42/up", view.subscriptionFilter());
                assertEquals("site/dev42/down", view.publicationTopic());
                assertFalse(view.caFile().isEmpty(), "the CA came out of netstep_certs.c");
                assertEquals(Files.readString(m.pem().ca()).strip(), Files.readString(Path.of(view.caFile())).strip());
                assertTrue(view.status().contains("project peer_from_project"), view.status());

                view.connect();
                MqttPeerView v = view;
                Ui.until(() -> !v.status().startsWith("Connecting"), "the view to connect");
                assertTrue(view.isConnected(), view.status() + "\n" + m.log());
                view.subscribe();
                Ui.until(() -> v.subscriptions().contains("site/dev42/up"), "SUBACK");
                assertTrue(m.log().contains("as dev42-peer") && m.log().contains("u'peeruser'"), m.log());
                page().setPartState(page().getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
                Ui.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "peer-from-project");
                page().setPartState(page().getReference(view), IWorkbenchPage.STATE_RESTORED);
                view.disconnect();
            } finally {
                if (view != null) {
                    page().hideView(view);
                }
                project.delete(false, true, new NullProgressMonitor());
            }
        }
    }

    @Test
    void aProjectNetStepDidNotGenerateIsRefusedWithTheReason() throws Exception {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject("plain_project");
        p.create(new NullProgressMonitor());
        p.open(new NullProgressMonitor());
        try {
            IOException e = assertThrows(IOException.class, () -> OpenPeerForProjectHandler.open(page(), p));
            assertTrue(e.getMessage().contains("not generated by NetStep"), e.getMessage());
        } finally {
            p.delete(true, true, new NullProgressMonitor());
        }
    }
}
