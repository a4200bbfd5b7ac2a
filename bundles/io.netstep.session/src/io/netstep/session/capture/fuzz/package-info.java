/** Fuzz targets (Jazzer) for the capture reader. */
package io.netstep.session.capture.fuzz;
