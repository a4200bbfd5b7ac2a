package io.netstep.wizards.newproject;

import io.netstep.project.BoardPreset;
import io.netstep.project.W5500Pins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

/** Board preset and the W5500's pins, editable; warns when MOSI on PA7 meets the Nucleo's Ethernet PHY. */
public final class BoardPage extends WizardPage {

    /** The W5500 lines the user may move, as the table shows them. */
    static final List<String> LINES = List.of("MOSI", "CS (SCSn)", "RESET (RSTn)", "INT (INTn)");

    private final Map<String, String> pins = new LinkedHashMap<>();
    private BoardPreset board = BoardPreset.NUCLEO_F429ZI;
    private TableViewer table;
    private Composite warning;
    private Label warningText;

    BoardPage() {
        super("board");
        setTitle("Board and W5500 wiring");
        setDescription("The development board and the pins the WIZ850io is wired to.");
        W5500Pins p = board.defaultPins();
        pins.put(LINES.get(0), p.mosi());
        pins.put(LINES.get(1), p.chipSelect());
        pins.put(LINES.get(2), p.reset());
        pins.put(LINES.get(3), p.interrupt());
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);

        Layouts.label(c, "Board:");
        Combo preset = new Combo(c, SWT.READ_ONLY);
        for (BoardPreset b : BoardPreset.values()) {
            preset.add(b.boardName() + " (" + b.partNumber() + ") + WIZ850io");
        }
        preset.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(preset);

        Layouts.label(c, "SPI:");
        Layouts.label(c, board.spi() + ": SCK " + board.sck() + ", MISO " + board.miso() + ", MOSI " + String.join(" or ", board.mosiChoices()));

        Label hint = Layouts.note(c, 2, "W5500 pins (click a pin to change it; CubeMX names such as PD14):");
        GridDataFactory.fillDefaults().span(2, 1).indent(0, 8).applyTo(hint);

        Composite tableBox = new Composite(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 130).applyTo(tableBox);
        TableColumnLayout columns = new TableColumnLayout();
        tableBox.setLayout(columns);
        table = new TableViewer(tableBox, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());

        TableViewerColumn line = new TableViewerColumn(table, SWT.NONE);
        line.getColumn().setText("W5500 line");
        line.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> (String) o));
        columns.setColumnData(line.getColumn(), new ColumnWeightData(30));

        TableViewerColumn pin = new TableViewerColumn(table, SWT.NONE);
        pin.getColumn().setText("MCU pin");
        pin.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> pins.get(o)));
        pin.setEditingSupport(new PinEditing(table));
        columns.setColumnData(pin.getColumn(), new ColumnWeightData(20));

        TableViewerColumn header = new TableViewerColumn(table, SWT.NONE);
        header.getColumn().setText("Nucleo header");
        header.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> arduinoName(pins.get(o))));
        columns.setColumnData(header.getColumn(), new ColumnWeightData(50));
        table.setInput(LINES);

        warning = new Composite(c, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(warning);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).indent(0, 8).applyTo(warning);
        Label icon = new Label(warning, SWT.NONE);
        icon.setImage(PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJS_WARN_TSK));
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(icon);
        warningText = new Label(warning, SWT.WRAP);
        warningText.setText("PA7 is shared: on the NUCLEO-F429ZI, PA7 (D11, SPI1_MOSI) is also RMII_CRS_DV of the "
                + "on-board Ethernet PHY. Remove jumper JP6, or the PHY drives the MOSI line against the MCU; "
                + "or move MOSI to PB5.");
        GridDataFactory.fillDefaults().grab(true, false).hint(480, SWT.DEFAULT).applyTo(warningText);

        setControl(c);
        update();
    }

    /** D11 for PA7 and so on, where the Nucleo's Arduino header carries the pin. */
    private static String arduinoName(String pin) {
        return switch (pin) {
            case "PA7" -> "D11 (with JP6 closed also RMII_CRS_DV)";
            case "PB5" -> "not on D11 by default: wire it from the Morpho header";
            case "PD14" -> "D10";
            case "PF13" -> "D7";
            case "PF12" -> "D8";
            case "PD15" -> "D9";
            case "PE13" -> "D3";
            case "PF14" -> "D4";
            case "PE11" -> "D5";
            case "PE9" -> "D6";
            default -> "";
        };
    }

    private final class PinEditing extends EditingSupport {
        private final TextCellEditor editor;

        PinEditing(TableViewer viewer) {
            super(viewer);
            editor = new TextCellEditor(viewer.getTable());
        }

        @Override protected CellEditor getCellEditor(Object element) { return editor; }
        @Override protected boolean canEdit(Object element) { return true; }
        @Override protected Object getValue(Object element) { return pins.get(element); }

        @Override
        protected void setValue(Object element, Object value) {
            setPin((String) element, (String) value);
        }
    }

    /** Sets one line's pin as the table editor does ({@code line} is one of {@link #LINES}). */
    public void setPin(String line, String pin) {
        if (!pins.containsKey(line)) {
            throw new IllegalArgumentException("no W5500 line '" + line + "'");
        }
        pins.put(line, pin == null ? "" : pin.trim().toUpperCase(java.util.Locale.ROOT));
        table.refresh();
        update();
    }

    public String pin(String line) {
        return pins.get(line);
    }

    public BoardPreset board() {
        return board;
    }

    /** The pins, or null while one of them is not a pin name (the page then shows the error). */
    public W5500Pins pins() {
        try {
            return new W5500Pins(pins.get(LINES.get(0)), pins.get(LINES.get(1)), pins.get(LINES.get(2)), pins.get(LINES.get(3)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True while the PA7 / JP6 warning is on screen. */
    public boolean isPa7WarningShown() {
        return warning.getVisible();
    }

    public String pa7Warning() {
        return warningText.getText();
    }

    private void update() {
        String error = null;
        try {
            W5500Pins p = new W5500Pins(pins.get(LINES.get(0)), pins.get(LINES.get(1)), pins.get(LINES.get(2)), pins.get(LINES.get(3)));
            if (!board.mosiChoices().contains(p.mosi())) {
                error = board.spi() + " MOSI can only be on " + String.join(" or ", board.mosiChoices()) + " on this board";
            } else if (new java.util.HashSet<>(List.of(board.sck(), board.miso(), p.mosi(), p.chipSelect(), p.reset(), p.interrupt())).size() < 6) {
                error = "two W5500 lines share a pin";
            }
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        boolean pa7 = board == BoardPreset.NUCLEO_F429ZI && "PA7".equals(pins.get(LINES.get(0)));
        warning.setVisible(pa7);
        ((org.eclipse.swt.layout.GridData) warning.getLayoutData()).exclude = !pa7;
        warning.getParent().layout(true, true);
        setErrorMessage(error);
        setPageComplete(error == null);
    }
}
