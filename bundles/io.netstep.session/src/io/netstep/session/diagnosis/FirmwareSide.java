package io.netstep.session.diagnosis;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run knows about the firmware besides the chip's events: its source folder (for the
 * certificate-array check of F6) and the lines it printed (where the TLS library's error code
 * shows). Either may be missing.
 *
 * @param project the firmware's source folder, or null
 * @param output  the firmware's output lines (stdout and stderr), possibly empty
 */
public record FirmwareSide(ProjectArrays project, List<String> output) {

    public static final FirmwareSide NONE = new FirmwareSide(null, List.of());

    public FirmwareSide {
        output = output == null ? List.of() : List.copyOf(output);
    }

    /** {@code projectDir} may be null (no source folder known). */
    public static FirmwareSide of(Path projectDir, List<String> output) {
        return new FirmwareSide(projectDir == null ? null : new ProjectArrays(projectDir), output);
    }
}
