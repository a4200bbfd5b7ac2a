/**
 * Import of serial debug logs (mbedTLS and wolfSSL debug output as users paste it from a UART
 * terminal): the byte streams of each connection as far as the log shows them, with the log
 * line of every byte, the log's own events, and what could not be read, line by line.
 *
 * <pre>
 * SerialLog log = SerialLog.parse(reader);            // never throws on content
 * log.events();                                       // states, return codes, alerts, MQTT prints
 * log.problems();                                     // cut dumps, lost lines, noise: line + reason
 * log.connections().get(0).wire(Direction.CLIENT_TO_SERVER);      // bytes + lineAt(offset)
 * SerialLogDecoder.Result r = SerialLogDecoder.decode(log);       // TLS events and MQTT packets with lines
 * </pre>
 *
 * Byte sources: mbedTLS level-4 record dumps ('output record sent to network', 'input record
 * header', 'input record from network'), a glue's raw socket dumps ({@code Port:[0]/Send(66) :}
 * followed by bare hex lines), and for MQTT the decrypted payloads mbedTLS dumps ('input payload
 * after decrypt', 'before encrypt: output payload' of application_data records). Other dumps
 * keep only their label and size; the client random and master secret (level 3 and up) stay in
 * memory as {@link io.netstep.serial.SerialLog#keyLog()}.
 */
package io.netstep.serial;
