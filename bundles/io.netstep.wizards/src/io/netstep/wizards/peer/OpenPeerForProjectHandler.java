package io.netstep.wizards.peer;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** "Open MQTT Peer for this Broker" on a project NetStep generated: the Peer view filled in from its sources. */
public final class OpenPeerForProjectHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IProject project = project(HandlerUtil.getCurrentSelection(event));
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        if (project == null || page == null) {
            return null;
        }
        try {
            open(page, project);
        } catch (IOException | PartInitException e) {
            MessageDialog.openError(HandlerUtil.getActiveShell(event), "Open MQTT Peer", e.getMessage());
        }
        return null;
    }

    /** Shows the Peer view filled in with the project's broker (it does not connect). */
    public static MqttPeerView open(IWorkbenchPage page, IProject project) throws IOException, PartInitException {
        if (project.getLocation() == null) {
            throw new IOException(project.getName() + " is not on the local file system");
        }
        PeerTarget target = ProjectBroker.read(Path.of(project.getLocation().toOSString()));
        MqttPeerView view = (MqttPeerView) page.showView(MqttPeerView.ID);
        view.prefill(target);
        return view;
    }

    private static IProject project(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() != null) {
            IResource r = Adapters.adapt(s.getFirstElement(), IResource.class);
            return r == null ? null : r.getProject();
        }
        return null;
    }
}
