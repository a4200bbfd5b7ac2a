package io.netstep.debug.ui.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A list of text entries (name map entries, fault specs) shown as a table, edited one at a
 * time in a dialog that checks the entry as it is typed.
 */
final class EntryTable {

    private final Table table;
    private final Function<String, String[]> columns;
    private final IInputValidator validator;
    private final String example;
    private final Runnable changed;
    private final List<String> entries = new ArrayList<>();
    private final Button edit;
    private final Button remove;

    EntryTable(Composite parent, String title, String[] headers, int[] widths, Function<String, String[]> columns,
            IInputValidator validator, String example, Runnable changed) {
        this.columns = columns;
        this.validator = validator;
        this.example = example;
        this.changed = changed;
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(g);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(g);
        table = new Table(g, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 70).applyTo(table);
        for (int i = 0; i < headers.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(headers[i]);
            c.setWidth(widths[i]);
        }
        Composite buttons = new Composite(g, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, "Add…").addListener(SWT.Selection, e -> add());
        edit = button(buttons, "Edit…");
        edit.addListener(SWT.Selection, e -> edit());
        remove = button(buttons, "Remove");
        remove.addListener(SWT.Selection, e -> remove());
        table.addListener(SWT.Selection, e -> enable());
        table.addListener(SWT.DefaultSelection, e -> edit());
        enable();
    }

    private static Button button(Composite parent, String label) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(label);
        GridDataFactory.fillDefaults().applyTo(b);
        return b;
    }

    List<String> entries() {
        return List.copyOf(entries);
    }

    void setEntries(List<String> list) {
        entries.clear();
        entries.addAll(list);
        refresh();
    }

    private void refresh() {
        table.removeAll();
        for (String e : entries) {
            new TableItem(table, SWT.NONE).setText(columns.apply(e));
        }
        enable();
    }

    private void enable() {
        boolean one = table.getSelectionIndex() >= 0;
        edit.setEnabled(one);
        remove.setEnabled(one);
    }

    private String ask(String initial) {
        InputDialog d = new InputDialog(table.getShell(), "NetStep", "Entry, e.g. " + example, initial, validator);
        return d.open() == Window.OK ? d.getValue().trim() : null;
    }

    private void add() {
        String v = ask("");
        if (v != null) {
            entries.add(v);
            refresh();
            table.setSelection(entries.size() - 1);
            enable();
            changed.run();
        }
    }

    private void edit() {
        int i = table.getSelectionIndex();
        if (i < 0) {
            return;
        }
        String v = ask(entries.get(i));
        if (v != null) {
            entries.set(i, v);
            refresh();
            table.setSelection(i);
            enable();
            changed.run();
        }
    }

    private void remove() {
        int i = table.getSelectionIndex();
        if (i >= 0) {
            entries.remove(i);
            refresh();
            changed.run();
        }
    }
}
