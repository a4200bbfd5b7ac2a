package io.netstep.debug.ui.breakpoints;

import io.netstep.debug.breakpoints.NetStepBreakpoint;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

/**
 * The controls shared by the "Add NetStep Protocol Breakpoint" dialog and the breakpoint's
 * properties page: the kind (fixed when editing) and that kind's parameters.
 */
final class BreakpointEditor {

    private final List<BreakpointForm> forms = BreakpointForms.all();
    private final Composite[] pages = new Composite[forms.size()];
    private final StackLayout stack = new StackLayout();
    private final Consumer<String> problems;
    private Combo kind;
    private BreakpointForm current;

    /** @param problems gets what is wrong with the entries (null: nothing) after every edit */
    BreakpointEditor(Composite parent, NetStepBreakpoint editing, Consumer<String> problems) {
        this.problems = problems;
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(c);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        new Label(c, SWT.NONE).setText("&Stop at:");
        kind = new Combo(c, SWT.READ_ONLY);
        kind.setItems(forms.stream().map(BreakpointForm::label).toArray(String[]::new));
        kind.setVisibleItemCount(forms.size());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(kind);

        Group params = new Group(c, SWT.NONE);
        params.setText("Parameters");
        params.setLayout(stack);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(460, SWT.DEFAULT).applyTo(params);
        for (int i = 0; i < forms.size(); i++) {
            pages[i] = new Composite(params, SWT.NONE);
            GridLayoutFactory.swtDefaults().applyTo(pages[i]);
            forms.get(i).create(pages[i], this::validate);
        }
        int start = 0;
        if (editing != null) {
            BreakpointForm f = BreakpointForms.formFor(forms, editing);
            start = Math.max(0, forms.indexOf(f));
            if (f != null) {
                f.load(editing);
            }
            kind.setEnabled(false); // a breakpoint keeps its kind; add another for another kind
        }
        kind.select(start);
        kind.addListener(SWT.Selection, e -> select(kind.getSelectionIndex()));
        select(start);
    }

    /** Shows the form of kind {@code i} (the order of {@link BreakpointForms#all()}). */
    void select(int i) {
        kind.select(i);
        current = forms.get(i);
        stack.topControl = pages[i];
        pages[i].getParent().layout(true, true);
        validate();
    }

    /** Selects the kind with that label ("MQTT packet type"); false when there is none. */
    boolean selectKind(String label) {
        int i = kind.indexOf(label);
        if (i < 0) {
            return false;
        }
        select(i);
        return true;
    }

    BreakpointForm form() {
        return current;
    }

    /** The control of the current form's parameters (for tests and screenshots). */
    Composite parameters() {
        return pages[kind.getSelectionIndex()];
    }

    String problem() {
        return current.problem();
    }

    private void validate() {
        if (current != null) {
            problems.accept(current.problem());
        }
    }
}
