package io.netstep.ui.views.tests;

import io.netstep.ui.NetStepInput;
import io.netstep.ui.open.OpenSessionHandler;
import io.netstep.ui.open.OpenSessionJob;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Display;

/** Opens a file the way the "Open NetStep Session or Capture…" command does, and waits for it. */
final class Opened {

    private Opened() { }

    static NetStepInput open(Path file) throws Exception {
        NetStepInput before = NetStepInput.current();
        OpenSessionJob job = OpenSessionHandler.open(file, Display.getCurrent());
        Ui.until(() -> job.getResult() != null, "the open job ends");
        Ui.until(() -> NetStepInput.current() != before, file + " becomes the input");
        return NetStepInput.current();
    }
}
