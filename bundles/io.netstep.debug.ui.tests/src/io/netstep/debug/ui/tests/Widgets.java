package io.netstep.debug.ui.tests;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;

/** Finds controls in a form the way a user sees them (in order, visible ones) and works them. */
final class Widgets {

    private Widgets() { }

    /** The controls of {@code type} under {@code root}, depth first in creation order; only visible ones if asked. */
    static <T extends Control> List<T> all(Control root, Class<T> type, boolean visibleOnly) {
        List<T> out = new ArrayList<>();
        collect(root, type, visibleOnly, out);
        return out;
    }

    private static <T extends Control> void collect(Control c, Class<T> type, boolean visibleOnly, List<T> out) {
        if (visibleOnly && !c.isVisible()) {
            return;
        }
        if (type.isInstance(c)) {
            out.add(type.cast(c));
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collect(child, type, visibleOnly, out);
            }
        }
    }

    /** The button with that text (mnemonics ignored). */
    static Button button(Control root, String text) {
        return all(root, Button.class, false).stream().filter(b -> b.getText().replace("&", "").equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + text));
    }

    /** Selects a radio button or check box, or presses a push button, as a click does. */
    static void click(Button b) {
        if ((b.getStyle() & (SWT.RADIO | SWT.CHECK)) != 0) {
            if ((b.getStyle() & SWT.RADIO) != 0) {
                for (Control sibling : b.getParent().getChildren()) {
                    if (sibling instanceof Button other && other != b && (other.getStyle() & SWT.RADIO) != 0) {
                        other.setSelection(false);
                    }
                }
                b.setSelection(true);
            } else {
                b.setSelection(!b.getSelection());
            }
        }
        b.notifyListeners(SWT.Selection, new Event());
    }
}
