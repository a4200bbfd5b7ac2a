/**
 * Import of serial debug logs (mbedTLS and wolfSSL debug output as users paste it from a UART
 * terminal): the byte streams of each connection as far as the log shows them, with the log
 * line of every byte, the log's own events, and what could not be read, line by line.
 */
package io.netstep.serial;
