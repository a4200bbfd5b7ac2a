/**
 * Certificate tools for firmware that talks TLS through mbedTLS 2.28 or wolfSSL 5.5 (issue 6,
 * failure F6). Headless: BouncyCastle only, no Eclipse imports; the wizard UI and the CLI sit on top.
 * <ul>
 * <li>Import: {@link io.netstep.certs.CertImport} reads PEM (certificates, chains, PKCS#1,
 *     PKCS#8, SEC1, encrypted PKCS#8, legacy encrypted PEM), DER (sniffed) and PKCS#12 into a
 *     {@link io.netstep.certs.CertificateSet}; failures are
 *     {@link io.netstep.certs.CertImportException}s whose message is for the user.</li>
 * <li>Validate: {@link io.netstep.certs.CertValidator#validate} with a
 *     {@link io.netstep.certs.ValidationRequest} (chain, CA, key, purpose, host name, clock)
 *     gives {@link io.netstep.certs.Finding}s: severity, stable code, where, message, fix.
 *     {@link io.netstep.certs.LibraryPolicy} knows what the two libraries' default builds accept.</li>
 * <li>Convert: {@link io.netstep.certs.CArrayWriter#toC} writes a {@code .h}/{@code .c} pair
 *     ({@link io.netstep.certs.CArrays}) for a {@link io.netstep.certs.TlsLibrary} in a
 *     {@link io.netstep.certs.CFormat}.</li>
 * <li>Check a project: {@link io.netstep.certs.CertArrayCheck#scan(java.nio.file.Path)} finds the
 *     certificate and key arrays in C sources and explains, with file:line, what the library will
 *     make of them (the F6 source-side diagnosis hook).</li>
 * <li>Test PKI: {@link io.netstep.certs.TestPkiMaker} writes the embedded broker's
 *     {@code io.netstep.net.broker.TestPki} as PEM files and C arrays for both libraries.</li>
 * </ul>
 * The CLI is {@link io.netstep.certs.cli.CertsCommand} ({@code netstep certs …}).
 */
package io.netstep.certs;
