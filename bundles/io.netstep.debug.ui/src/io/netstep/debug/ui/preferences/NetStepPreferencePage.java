package io.netstep.debug.ui.preferences;

import io.netstep.debug.ui.NetStepDebugUi;
import io.netstep.debug.ui.launch.BrokerText;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Window > Preferences > NetStep: what a new launch configuration starts with. */
public class NetStepPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public NetStepPreferencePage() {
        super(GRID);
        setDescription("Defaults for new \"NetStep Virtual W5500\" launch configurations.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(NetStepDebugUi.getDefault().getPreferenceStore());
    }

    @Override
    protected void createFieldEditors() {
        StringFieldEditor broker = new StringFieldEditor(Preferences.BROKER, "&Broker (embedded or host:port):",
                getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String problem = BrokerText.problem(getStringValue());
                setErrorMessage(problem);
                return problem == null;
            }
        };
        broker.setEmptyStringAllowed(false);
        addField(broker);
        DirectoryFieldEditor folder = new DirectoryFieldEditor(Preferences.FIRMWARE_FOLDER,
                "Default &firmware folder:", getFieldEditorParent());
        folder.setEmptyStringAllowed(true);
        addField(folder);
        addField(new BooleanFieldEditor(Preferences.STOP_AT_FIRST_SPI_FRAME,
                "&Stop at the firmware's first SPI frame", getFieldEditorParent()));
    }
}
