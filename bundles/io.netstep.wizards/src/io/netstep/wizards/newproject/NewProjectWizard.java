package io.netstep.wizards.newproject;

import io.netstep.project.GeneratedProject;
import io.netstep.project.ProjectGenerator;
import io.netstep.project.ProjectSpec;
import io.netstep.project.SpecProblem;
import io.netstep.project.W5500Pins;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import io.netstep.wizards.peer.MqttPeerView;

import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.actions.WorkspaceModifyOperation;

/**
 * New STM32 + W5500 MQTT/TLS project: board, broker (with the preflight), MQTT, TLS, project.
 * Finish writes the files with {@link ProjectGenerator} and creates the workspace project from
 * the generated {@code .project} (its linked folders included), in a workspace operation.
 */
public final class NewProjectWizard extends Wizard implements INewWizard {

    private final BoardPage board = new BoardPage();
    private final BrokerPage broker = new BrokerPage();
    private final MqttPage mqtt = new MqttPage();
    private final TlsPage tls = new TlsPage();
    private final ProjectPage project = new ProjectPage();
    private IProject created;
    private GeneratedProject generated;
    private MqttPeerView peer;

    public NewProjectWizard() {
        setWindowTitle("New STM32 + W5500 MQTT/TLS Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        // nothing taken from the selection: the project is new
    }

    @Override
    public void addPages() {
        addPage(board);
        addPage(broker);
        addPage(mqtt);
        addPage(tls);
        addPage(project);
    }

    public BoardPage boardPage() { return board; }
    public BrokerPage brokerPage() { return broker; }
    public MqttPage mqttPage() { return mqtt; }
    public TlsPage tlsPage() { return tls; }
    public ProjectPage projectPage() { return project; }
    /** The project Finish created, or null. */
    public IProject createdProject() { return created; }
    public GeneratedProject generated() { return generated; }
    /** The MQTT Peer view Finish opened on the project's broker, or null. */
    public MqttPeerView openedPeer() { return peer; }

    /** The pages' settings as the generator takes them. */
    public ProjectSpec spec() {
        W5500Pins pins = board.pins();
        ProjectSpec.Builder b = ProjectSpec.builder(project.projectName()).board(board.board()).pins(pins)
                .profile(broker.profile()).host(broker.host()).port(broker.port())
                .clientId(mqtt.clientId()).keepAlive(mqtt.keepAlive())
                .userName(mqtt.userName()).password(mqtt.password())
                .tls(tls.library()).tlsVersion(tls.version()).tlsInputBuffer(tls.inputBufferBytes())
                .tlsOutputBuffer(tls.outputBufferBytes())
                .ca(tls.caFile()).clientCertificate(tls.clientCertificateFile()).clientKey(tls.clientKeyFile())
                .ioLibrary(project.ioLibraryDir()).shim(project.shimDir());
        if (!broker.thingName().isEmpty()) {
            b.thing(broker.thingName());
        }
        mqtt.topics().forEach(b::topic);
        return b.build();
    }

    /** Shows the MQTT Peer view with the project's broker, certificates, credentials and topics filled in. */
    private void openPeer(ProjectSpec spec, String password) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null || window.getActivePage() == null) {
            return;
        }
        try {
            peer = (MqttPeerView) window.getActivePage().showView(MqttPeerView.ID);
            peer.prefill(io.netstep.wizards.peer.PeerTarget.of(spec, password));
        } catch (PartInitException e) {
            // the project exists; only the convenience failed: say so in the log, not as a failed Finish
            Platform.getLog(NewProjectWizard.class).warn("The MQTT Peer view could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean performFinish() {
        ProjectSpec spec = spec();
        List<SpecProblem> errors = spec.errors();
        if (!errors.isEmpty()) {
            getContainer().getCurrentPage();
            ((org.eclipse.jface.wizard.WizardPage) getContainer().getCurrentPage())
                    .setErrorMessage(String.join("\n", errors.stream().map(SpecProblem::message).toList()));
            return false;
        }
        String name = spec.name();
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        java.nio.file.Path dir = project.location();
        boolean inWorkspace = project.isDefaultLocation();
        WorkspaceModifyOperation op = new WorkspaceModifyOperation(workspace.getRoot()) {
            @Override
            protected void execute(IProgressMonitor monitor) throws CoreException, InvocationTargetException {
                SubMonitor sub = SubMonitor.convert(monitor, "Creating " + name, 100);
                SubMonitor files = sub.split(70);
                try {
                    generated = ProjectGenerator.generate(spec, dir, (step, done, total) -> {
                        files.setWorkRemaining(Math.max(1, total - done));
                        files.subTask(step);
                        files.worked(1);
                    });
                } catch (ProjectGenerator.InvalidSpecException | IOException e) {
                    throw new InvocationTargetException(e);
                }
                IProjectDescription d = workspace.loadProjectDescription(IPath.fromOSString(dir.resolve(".project").toString()));
                d.setName(name);
                d.setLocation(inWorkspace ? null : IPath.fromOSString(dir.toString()));
                IProject p = workspace.getRoot().getProject(name);
                p.create(d, sub.split(10));
                p.open(sub.split(20));
                created = p;
            }
        };
        boolean openPeer = project.opensPeer();
        String password = mqtt.password();
        try {
            getContainer().run(true, true, op);
            if (openPeer) {
                openPeer(spec, password);
            }
            return true;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            ((org.eclipse.jface.wizard.WizardPage) getContainer().getCurrentPage()).setErrorMessage("The project was not created: " + cause.getMessage());
            return false;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
