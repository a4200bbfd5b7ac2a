package io.netstep.debug.ui.breakpoints;

import io.netstep.debug.breakpoints.NetStepBreakpoint;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.dialogs.PropertyPage;

/** Breakpoint Properties of a NetStep protocol breakpoint: enabled, and its kind's parameters. */
public final class BreakpointPropertyPage extends PropertyPage {

    private BreakpointEditor editor;
    private Button enabled;

    private NetStepBreakpoint breakpoint() {
        return Adapters.adapt(getElement(), NetStepBreakpoint.class);
    }

    @Override
    protected Control createContents(Composite parent) {
        noDefaultAndApplyButton();
        NetStepBreakpoint b = breakpoint();
        Composite c = new Composite(parent, SWT.NONE);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().applyTo(c);
        enabled = new Button(c, SWT.CHECK);
        enabled.setText("&Enabled");
        try {
            enabled.setSelection(b.isEnabled());
        } catch (CoreException e) {
            enabled.setSelection(true);
        }
        GridDataFactory.fillDefaults().applyTo(enabled);
        editor = new BreakpointEditor(c, b, p -> {
            setErrorMessage(p);
            setValid(p == null);
        });
        return c;
    }

    @Override
    public boolean performOk() {
        NetStepBreakpoint b = breakpoint();
        if (editor.problem() != null || b == null) {
            return false;
        }
        try {
            editor.form().apply(b);
            b.setEnabled(enabled.getSelection());
            return true;
        } catch (CoreException e) {
            setErrorMessage("The breakpoint could not be changed: " + e.getStatus().getMessage());
            return false;
        }
    }
}
