/**
 * The layers of a session decoded and linked: {@link io.netstep.session.analysis.Analysis}
 * turns a live {@link io.netstep.session.EventLog}, a session file, a pcap/pcapng capture or a
 * serial debug log into one ordered timeline of {@link io.netstep.session.analysis.ProtocolEvent}s
 * (SPI frames, chip commands/states/interrupts, socket data, TLS records, handshake messages,
 * alerts, application data, MQTT packets, network and session events) and the TCP
 * {@link io.netstep.session.analysis.Connection}s they belong to.
 *
 * <h2>Links</h2>
 * Each decoded event names what carried it ({@code carriedBy}: MQTT → TLS application data →
 * TLS records → chip {@code Data} events) and the SPI frames and Sn_CR RECV/SEND commands
 * through which the firmware moved its bytes ({@code chipTransfers}). A chip {@code Data rx}
 * event's {@code chipTransfers} are the SPI reads of the RX buffer that took its bytes off the chip.
 *
 * <h2>When</h2>
 * The peer's bytes are decoded when the firmware reads them off the chip (SPI reads of the
 * socket's RX buffer, mapped to stream offsets by the 16-bit buffer pointer and checked against
 * the bytes that arrived), so the timeline shows what the firmware had and when; the arrival at
 * the chip is kept as {@code arrivedNanos}. Bytes that arrived and were never read are decoded
 * when the connection ends and marked {@code read_by_firmware=false}. The firmware's bytes are
 * decoded when the chip sends them (Sn_CR SEND → {@code Data tx}).
 *
 * <h2>Limits</h2>
 * Each connection keeps both byte streams in memory (fine for sessions and captures of MQTT
 * traffic; not meant for gigabytes). A serial log has no clock: its events' time is the line
 * number. The diagnosis ({@code io.netstep.session.diagnosis}) runs on session files only.
 */
package io.netstep.session.analysis;
