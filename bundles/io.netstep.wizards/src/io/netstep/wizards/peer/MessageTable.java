package io.netstep.wizards.peer;

import io.netstep.preflight.PeerMessage;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** Received messages, newest last: time, topic, QoS, retain, payload as text or hex. */
final class MessageTable {

    /** Older rows go when the table passes this many (a chatty device must not eat the heap). */
    static final int MAX_ROWS = 5000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final Table table;
    private boolean hex;

    MessageTable(Composite parent) {
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String[] c : new String[][] {{"Time", "100"}, {"Topic", "260"}, {"QoS", "45"}, {"Retain", "60"}, {"Payload", "520"}}) {
            TableColumn col = new TableColumn(table, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
    }

    Table control() {
        return table;
    }

    void add(PeerMessage m) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setData(m);
        fill(item, m);
        if (table.getItemCount() > MAX_ROWS) {
            table.remove(0, table.getItemCount() - MAX_ROWS - 1);
        }
        table.showItem(item);
    }

    void setHex(boolean on) {
        hex = on;
        for (TableItem item : table.getItems()) {
            fill(item, (PeerMessage) item.getData());
        }
    }

    void clear() {
        table.removeAll();
    }

    private void fill(TableItem item, PeerMessage m) {
        item.setText(new String[] {TIME.format(m.time()), m.topic(), Integer.toString(m.qos()), m.retain() ? "yes" : "",
                hex ? HexFormat.ofDelimiter(" ").formatHex(m.payload()) : printable(m.payloadText())});
    }

    /** One line: control characters as · so a binary payload does not break the row. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 2000));
        for (int i = 0; i < s.length() && b.length() < 2000; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '·' : c);
        }
        return b.toString();
    }
}
