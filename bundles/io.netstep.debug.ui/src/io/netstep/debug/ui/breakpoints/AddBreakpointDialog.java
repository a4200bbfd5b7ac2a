package io.netstep.debug.ui.breakpoints;

import io.netstep.debug.breakpoints.NetStepBreakpoint;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

/** "Add NetStep Protocol Breakpoint": pick what to stop at, then its parameters. */
public final class AddBreakpointDialog extends TitleAreaDialog {

    private BreakpointEditor editor;
    private NetStepBreakpoint created;

    public AddBreakpointDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add NetStep Protocol Breakpoint");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("NetStep protocol breakpoint");
        setMessage("Suspend the virtual W5500 (clock frozen) when the protocol event happens.");
        editor = new BreakpointEditor(area, null, this::problem);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        problem(editor.problem());
    }

    private void problem(String p) {
        setErrorMessage(p);
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(p == null);
        }
    }

    /** Selects a kind by its label, e.g. "MQTT packet type" (for the walkthrough tests). */
    public boolean selectKind(String label) {
        return editor.selectKind(label);
    }

    @Override
    protected void okPressed() {
        if (editor.problem() != null) {
            return;
        }
        try {
            created = editor.form().make(true);
        } catch (CoreException e) {
            setErrorMessage("The breakpoint could not be created: " + e.getStatus().getMessage());
            return;
        }
        super.okPressed();
    }

    /** The breakpoint made by OK, or null. */
    public NetStepBreakpoint created() {
        return created;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
