/**
 * The new-project generator: an STM32CubeIDE project for an STM32 + WIZnet W5500 + TLS + MQTT
 * device whose networking code is right by construction, with a Host build configuration that
 * runs the same code on NetStep's virtual W5500. Headless (no Eclipse imports): the wizard pages
 * and {@code netstep new-project} ({@link io.netstep.project.cli.NewProjectCommand}) sit on it.
 *
 * <p>Use: collect settings in a {@link io.netstep.project.ProjectSpec.Builder} (board preset and
 * {@link io.netstep.project.W5500Pins}, {@link io.netstep.project.BrokerProfile} with host / port /
 * AWS thing, MQTT client ID, keepalive and topics, {@link io.netstep.project.TlsLibrary} and the
 * TLS input buffer, certificate files, DHCP or a static address, the ioLibrary / MQTT client /
 * shim folders); {@link io.netstep.project.ProjectSpec#problems()} lists errors and warnings per
 * field (a page can show them as the user types); then
 * {@link io.netstep.project.ProjectGenerator#generate} writes the project and reports each file to
 * a {@link io.netstep.project.ProgressListener}. Nothing is written while the spec has errors.
 *
 * <p>What is generated: {@code .project} (CDT + STM32CubeIDE natures; ioLibrary and the MQTT client
 * as linked folders), {@code .cproject} (MCU Debug/Release for the board's MCU, Cortex-M4 hard
 * float, and a "Host" makefile configuration), {@code .mxproject}, {@code <name>.ioc} (SPI full
 * duplex master, the W5500's CS/RESET/INT GPIOs, RNG, mbedTLS middleware), the glue
 * ({@code Core/Src/w5500_port.c}, {@code tls_port.c}, {@code mqtt_app.c}, {@code netstep_certs.c},
 * {@code Core/Inc/netstep_app_config.h}), {@code NetStep/host.mk} + {@code host_main.c}, for AWS IoT
 * {@code NetStep/aws-iot-policy.json}, the launch configuration for the virtual W5500 and a README.
 * The C sources are templates in {@code io/netstep/project/templates}.
 */
package io.netstep.project;
