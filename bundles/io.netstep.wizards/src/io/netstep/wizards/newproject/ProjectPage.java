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

/** Project name and location, and the folders linked into it: WIZnet ioLibrary and the NetStep shim. */
public final class ProjectPage extends WizardPage {

    private Text name;
    private Button defaultLocation;
    private Text location;
    private Button browseLocation;
    private Text ioLibrary;
    private Text shim;

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
        Layouts.label(c, "NetStep shim folder:");
        shim = Layouts.text(c, 1, "");
        browse(c, shim);
        Layouts.note(c, 3, "native/shim of NetStep: the Host configuration builds the networking code against it to run on the virtual W5500.");

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
        } else if (shim.getText().isBlank() || !Files.isDirectory(Path.of(shim.getText().trim()))) {
            error = "Choose the NetStep shim folder (native/shim).";
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
    public String shimDir() { return shim.getText().trim(); }
    public void setShimDir(Path p) { shim.setText(p.toString()); }
}
