package io.netstep.wizards.newproject;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The few widget shapes the pages repeat. */
final class Layouts {

    private Layouts() { }

    static Label label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        return l;
    }

    /** A text field that fills the rest of a row of {@code span} columns. */
    static Text text(Composite parent, int span, String initial) {
        Text t = new Text(parent, SWT.BORDER);
        t.setText(initial == null ? "" : initial);
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).applyTo(t);
        return t;
    }

    /** A wrapping note over the whole width ({@code columns} of the grid). */
    static Label note(Composite parent, int columns, String text) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).span(columns, 1).hint(500, SWT.DEFAULT).applyTo(l);
        return l;
    }

    static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
