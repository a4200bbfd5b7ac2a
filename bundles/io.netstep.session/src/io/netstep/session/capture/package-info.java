/**
 * Recording and captures: the session file, pcapng export, pcap/pcapng import.
 *
 * <h2>Session file ({@link io.netstep.session.capture.SessionFile}), version 1</h2>
 * UTF-8 text, one JSON object per line ("JSON lines"), so a file can be written as the session
 * runs, appended to, and read back after a crash up to its last complete line.
 * <ol>
 * <li>Line 1, the header: {@code {"format":"netstep-session","version":1,"created_ms":<epoch ms>}}.
 *     A file whose first line is anything else is refused ("not a NetStep session file"); a
 *     higher version is refused naming both versions.</li>
 * <li>Event records: exactly the lines of {@link io.netstep.session.JsonlRecorder#line}
 *     (one encoder for the project): {@code seq}, {@code t_ns} (virtual time), {@code wall_ms}
 *     (real time), {@code type} (the record name of the chip, network or session event; the
 *     three families share no name) and the record's components by name — numbers, booleans,
 *     strings or null, byte arrays as lowercase hex (the raw bytes: SPI data, socket data,
 *     packets), enums by name. Loading rebuilds the very same event records.</li>
 * <li>Key log records: {@code {"keylog":"<one NSS key log line>"}}. They are the firmware's
 *     TLS secrets, kept in the file because decryption needs them, in records of their own
 *     that nothing in NetStep prints: loading puts them into a
 *     {@link io.netstep.session.KeyLog}, problems about a bad line never quote it. Treat the
 *     file like a key file.</li>
 * </ol>
 * A line that cannot be read (bad JSON, unknown type, missing field, longer than 4 MiB) is
 * reported with its line number in {@code Loaded.problems()} and skipped; the rest loads.
 * A file from {@code netstep run --record} (no header, no key log) is refused with a hint.
 *
 * <h2>pcapng export ({@link io.netstep.session.capture.PcapngWriter})</h2>
 * The wire as the firmware saw it, synthesised from the event log: MAC and IP of the chip
 * from SHAR/SIPR as written by the firmware (so after DHCP the leased address), the peer
 * from Sn_DIPR/Sn_DPORT at CONNECT or the peer the chip accepted, i.e. the virtual
 * addresses (192.168.77.x, 198.18.x.x), never the host's real 127.0.0.1 endpoint; the
 * network side's MAC is the fixed locally administered 02:4e:53:00:00:01. Per TCP connection:
 * SYN (with the MSS option), SYN/ACK, ACK; data in segments of at most Sn_MSSR (1460 when
 * 0) with sequence and acknowledgement numbers per direction, an ACK from the receiver after
 * each chunk the chip sent or took; FIN/ACK exchanges as the socket states show them; RST
 * for a refused connect, a peer reset, or Sn_CR CLOSE on an open connection. UDP datagrams
 * (DHCP, DNS, the firmware's) as they were; MACRAW frames unchanged. IPv4 header, TCP and
 * UDP checksums are correct. Time stamps are the <em>wall</em> time of the log entry
 * (millisecond resolution; frames within one millisecond are 1 µs apart to keep their
 * order), so the capture lines up with the broker's logs and other captures; the virtual
 * time (which stands still while the session is paused) stays in the session file, and each
 * packet's comment {@code netstep seq=N} names the log entry it comes from. The TLS key log
 * goes into a Decryption Secrets Block ahead of all packets.
 *
 * <h2>Import ({@link io.netstep.session.capture.CaptureReader})</h2>
 * pcap and pcapng (see the class) to per-connection, per-direction reassembled TCP byte
 * streams with a time stamp per segment, UDP datagrams and the key log of any Decryption
 * Secrets Block: the input of the TLS and MQTT decoders.
 */
package io.netstep.session.capture;
