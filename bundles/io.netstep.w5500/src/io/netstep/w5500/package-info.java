/**
 * The virtual WIZnet W5500: {@link io.netstep.w5500.W5500} (SPI slave, registers, sockets,
 * interrupts), the interfaces to the network behind it ({@link io.netstep.w5500.HostNetwork},
 * {@link io.netstep.w5500.HostEvents}), the register map ({@link io.netstep.w5500.Registers})
 * and a loopback network for tests ({@link io.netstep.w5500.LoopbackNetwork}).
 *
 * <h2>Where the datasheet (v1.0.x) is silent, the model chooses and says so</h2>
 * <ul>
 * <li>MISO during the 3 header bytes is 0x01, 0x02, 0x03 (what real chips drive, undocumented);
 *     during a write's data phase it is 0x00.</li>
 * <li>Reserved block selects (BSB 4, 8, ... 28): reads give 0, writes are lost, the frame is
 *     reported. Reserved register offsets read 0 and ignore writes.</li>
 * <li>A frame cut short in its header is ignored. Data bytes take effect as they are clocked,
 *     so a frame cut short in its data phase keeps the bytes that came. A fixed-length frame
 *     ends after its 1/2/4 bytes; further bytes under the same chip select start a new frame.</li>
 * <li>Sn_TXBUF_SIZE / Sn_RXBUF_SIZE of all sockets adding up to more than 16 KB: sockets keep
 *     consecutive regions and the 14-bit physical address wraps, so the excess overlays
 *     socket 0's memory (reported). A size value not in {0,1,2,4,8,16} counts as 0 KB.</li>
 * <li>Sn_RX_RSR counts from the Sn_RX_RD taken by the last RECV command (writing Sn_RX_RD
 *     alone frees nothing); Sn_TX_FSR counts from the Sn_TX_WR register as written.</li>
 * <li>PHYCFGR: the simulated cable is always plugged into a 100 Mbps full-duplex partner:
 *     0xBF after reset (link up, 100M, full duplex); the status bits follow OPMD/OPMDC, PHY
 *     reset (RST = 0) and power-down take the link down.</li>
 * <li>Commands are taken at once: Sn_CR reads 0 on the next access; SEND completes at once
 *     (SENDOK) because the host TCP stack takes the bytes.</li>
 * <li>TCP CONNECT: ARP first (for the destination on the subnet, else for GAR;
 *     {@link io.netstep.w5500.HostNetwork#arpAnswers}); no answer gives TIMEOUT after
 *     ARPTO = RTR × (RCR+1). After ARP, SYN unanswered gives TIMEOUT after TCPTO (the
 *     datasheet's doubling formula: 31.8 s for RTR 2000, RCR 8). A RST answer closes the
 *     socket with no Sn_IR bit (datasheet: "RST received instead of SYN/ACK ... SOCK_CLOSED").</li>
 * <li>DISCON in INIT, LISTEN or SYNSENT closes the socket. DISCON in ESTABLISHED waits in
 *     FIN_WAIT for the peer's FIN (TCPTO without it); in CLOSE_WAIT it passes LAST_ACK and
 *     closes at the next tick. OPEN of a socket that is not closed is ignored.</li>
 * <li>Sn_MR flags: BCASTB is honoured for UDP reception (when the network tells the
 *     destination); MULTI is stored and noted (no IGMP join); ND, MC, MMB, MFEN, UCASTB, MIP6B
 *     are stored only. IPRAW opens but carries nothing. IR CONFLICT and UNREACH rise only when
 *     the network reports them; PPPoE and MP never rise (no PPPoE server, no magic packet).</li>
 * </ul>
 */
package io.netstep.w5500;
