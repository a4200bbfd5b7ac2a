package io.netstep.wizards.newproject;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Text;

/**
 * Project name and location, the WIZnet ioLibrary folder linked into it, the NetStep shim (copied
 * into the project by default: users who installed NetStep from the update site have no checkout),
 * and whether Finish opens the MQTT Peer view on the project's broker.
 */
public final class ProjectPage extends WizardPage {

    private Text name;
    private Button defaultLocation;
    private Text location;
    private Button browseLocation;
    private Text ioLibrary;
    private Button copyShim;
    private Text shim;
    private Button shimBrowse;
    private Button openPeer;

    ProjectPage() {
        super("project");
        setTitle("Project");
        setDescription("The STM32CubeIDE project to create and the folders it links.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);
        Layouts.label(c, "Project name:");
        name = Layouts.text(c, 2, "nucleo_mqtt_tls");

        defaultLocation = new Button(c, SWT.CHECK);
        defaultLocation.setText("Use the workspace location");
        defaultLocation.setSelection(true);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(defaultLocation);
        Layouts.label(c, "Location:");
        location = Layouts.text(c, 1, "");
        browseLocation = browse(c, location);

        Layouts.label(c, "ioLibrary folder:");
        ioLibrary = Layouts.text(c, 1, "");
        browse(c, ioLibrary);
        Layouts.note(c, 3, "WIZnet ioLibrary_Driver (Ethernet/, Internet/): linked into the project, built with _WIZCHIP_=W5500.");
        copyShim = new Button(c, SWT.CHECK);
        copyShim.setText("Copy the NetStep shim into the project (NetStep/shim)");
        copyShim.setSelection(true);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(copyShim);
        Layouts.label(c, "NetStep shim folder:");
        shim = Layouts.text(c, 1, "");
        shimBrowse = browse(c, shim);
        Layouts.note(c, 3, "The Host configuration builds the networking code against the shim to run it on the virtual W5500. "
                + "Copied, the project builds on its own; or build against native/shim of a NetStep checkout.");
        openPeer = new Button(c, SWT.CHECK);
        openPeer.setText("After Finish, open the MQTT Peer view on this broker (to see what the device publishes)");
        openPeer.setSelection(true);
        GridDataFactory.fillDefaults().span(3, 1).indent(0, 8).applyTo(openPeer);
        copyShim.addListener(SWT.Selection, e -> validate());
        brokerChanged(((NewProjectWizard) getWizard()).brokerPage().profile() != io.netstep.project.BrokerProfile.EMBEDDED);

        name.addListener(SWT.Modify, e -> validate());
        location.addListener(SWT.Modify, e -> validate());
        ioLibrary.addListener(SWT.Modify, e -> validate());
        shim.addListener(SWT.Modify, e -> validate());
        defaultLocation.addListener(SWT.Selection, e -> validate());
        setControl(c);
        validate();
    }

    private Button browse(Composite c, Text target) {
        Button b = new Button(c, SWT.PUSH);
        b.setText("Browse…");
        b.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setFilterPath(target.getText());
            String dir = d.open();
            if (dir != null) {
                target.setText(dir);
            }
        });
        return b;
    }

    private void validate() {
        shim.setEnabled(!copyShim.getSelection());
        shimBrowse.setEnabled(!copyShim.getSelection());
        boolean dflt = defaultLocation.getSelection();
        location.setEnabled(!dflt);
        browseLocation.setEnabled(!dflt);
        String workspaceDir = workspaceRoot().getLocation().append(projectName()).toOSString();
        if (dflt && !location.getText().equals(workspaceDir)) {
            location.setText(workspaceDir); // fires Modify: validate() again, which then finds it equal
            return;
        }
        String error = null;
        IWorkspaceRoot root = workspaceRoot();
        IStatus nameStatus = ResourcesPlugin.getWorkspace().validateName(projectName(), IResource.PROJECT);
        if (projectName().isEmpty()) {
            error = "Enter a project name.";
        } else if (!nameStatus.isOK()) {
            error = nameStatus.getMessage();
        } else if (!projectName().matches("[A-Za-z][A-Za-z0-9_.-]{0,62}")) {
            error = "Use letters, digits, _ . - and start with a letter: the name becomes the .ioc file and C identifiers.";
        } else if (root.getProject(projectName()).exists()) {
            error = "A project named " + projectName() + " exists already.";
        } else if (!dflt && location.getText().isBlank()) {
            error = "Enter the project's location.";
        } else if (ioLibrary.getText().isBlank()) {
            error = "Choose the WIZnet ioLibrary folder.";
        } else if (!Files.isDirectory(Path.of(ioLibrary.getText().trim()))) {
            error = "The ioLibrary folder does not exist.";
        } else if (!copyShim.getSelection() && (shim.getText().isBlank() || !Files.isDirectory(Path.of(shim.getText().trim())))) {
            error = "Choose the NetStep shim folder (native/shim), or copy the shim into the project.";
        }
        setErrorMessage(error);
        setPageComplete(error == null);
    }

    private static IWorkspaceRoot workspaceRoot() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    public String projectName() { return name.getText().trim(); }
    public void setProjectName(String n) { name.setText(n); }
    public boolean isDefaultLocation() { return defaultLocation.getSelection(); }
    public Path location() { return Path.of(location.getText().trim()); }
    public String ioLibraryDir() { return ioLibrary.getText().trim(); }
    public void setIoLibraryDir(Path p) { ioLibrary.setText(p.toString()); }
    /** The shim folder to build against; null = copy the shim into the project. */
    public String shimDir() { return copyShim.getSelection() ? null : shim.getText().trim(); }
    /** Build against this shim folder (null: copy the shim into the project). */
    public void setShimDir(Path p) {
        copyShim.setSelection(p == null);
        shim.setText(p == null ? "" : p.toString());
        validate();
    }
    public boolean copiesShim() { return copyShim.getSelection(); }
    public boolean opensPeer() { return openPeer.getSelection() && openPeer.isEnabled(); }
    public void setOpensPeer(boolean on) { openPeer.setSelection(on); }

    /** The embedded broker lives on NetStep's virtual network only: no peer from the PC then. */
    void brokerChanged(boolean reachableFromThePc) {
        if (openPeer != null) {
            openPeer.setEnabled(reachableFromThePc);
        }
    }
}
