package io.netstep.w5500;

/**
 * W5500 register map by datasheet name (W5500 Datasheet v1.0.x, chapter 4), with reset
 * values, block select values and the Sn_MR / Sn_CR / Sn_SR / Sn_IR / IR codes.
 */
public final class Registers {

    private Registers() { }

    // ---- Block select (BSB[4:0]) ----
    public static final int BSB_COMMON = 0;

    /** BSB of socket n's register block. */
    public static int socketBlock(int sn) { return 1 + 4 * sn; }
    /** BSB of socket n's TX buffer block. */
    public static int txBlock(int sn) { return 2 + 4 * sn; }
    /** BSB of socket n's RX buffer block. */
    public static int rxBlock(int sn) { return 3 + 4 * sn; }
    /** BSB values 4, 8, ... 28 are not assigned by the datasheet. */
    public static boolean isReservedBlock(int bsb) { return bsb > 0 && bsb % 4 == 0; }

    // ---- SPI control byte ----
    public static final int RWB_WRITE = 1 << 2;
    public static final int OM_VDM = 0, OM_FDM1 = 1, OM_FDM2 = 2, OM_FDM4 = 3;

    public static int control(int bsb, boolean write, int om) {
        return (bsb & 0x1F) << 3 | (write ? RWB_WRITE : 0) | (om & 3);
    }

    // ---- Common register block (offsets) ----
    public static final int MR = 0x00, GAR = 0x01, SUBR = 0x05, SHAR = 0x09, SIPR = 0x0F,
            INTLEVEL = 0x13, IR = 0x15, IMR = 0x16, SIR = 0x17, SIMR = 0x18, RTR = 0x19,
            RCR = 0x1B, PTIMER = 0x1C, PMAGIC = 0x1D, PHAR = 0x1E, PSID = 0x24, PMRU = 0x26,
            UIPR = 0x28, UPORTR = 0x2C, PHYCFGR = 0x2E, VERSIONR = 0x39;
    /** Last defined common offset; 0x2F..0x38 and everything after VERSIONR are reserved. */
    public static final int COMMON_END = 0x3A;

    // MR bits
    public static final int MR_RST = 0x80, MR_WOL = 0x20, MR_PB = 0x10, MR_PPPOE = 0x08, MR_FARP = 0x02;
    // IR / IMR bits
    public static final int IR_CONFLICT = 0x80, IR_UNREACH = 0x40, IR_PPPOE = 0x20, IR_MP = 0x10;
    // PHYCFGR bits
    public static final int PHY_RST = 0x80, PHY_OPMD = 0x40, PHY_OPMDC = 0x38,
            PHY_DPX = 0x04, PHY_SPD = 0x02, PHY_LNK = 0x01;

    public static final int VERSION = 0x04;
    public static final int RTR_RESET = 0x07D0, RCR_RESET = 0x08, PTIMER_RESET = 0x28,
            PMRU_RESET = 0xFFFF;
    /**
     * PHYCFGR after reset: RST=1, OPMD=0, OPMDC=111 (all capable, auto-negotiation) and the
     * status bits of the link the model simulates: linked, 100 Mbps, full duplex = 0xBF.
     */
    public static final int PHYCFGR_RESET = 0xBF;

    // ---- Socket register block (offsets) ----
    public static final int Sn_MR = 0x00, Sn_CR = 0x01, Sn_IR = 0x02, Sn_SR = 0x03,
            Sn_PORT = 0x04, Sn_DHAR = 0x06, Sn_DIPR = 0x0C, Sn_DPORT = 0x10, Sn_MSSR = 0x12,
            Sn_TOS = 0x15, Sn_TTL = 0x16, Sn_RXBUF_SIZE = 0x1E, Sn_TXBUF_SIZE = 0x1F,
            Sn_TX_FSR = 0x20, Sn_TX_RD = 0x22, Sn_TX_WR = 0x24, Sn_RX_RSR = 0x26,
            Sn_RX_RD = 0x28, Sn_RX_WR = 0x2A, Sn_IMR = 0x2C, Sn_FRAG = 0x2D, Sn_KPALVTR = 0x2F;
    /** Offsets 0x14, 0x17..0x1D and 0x30.. are reserved. */
    public static final int SOCKET_END = 0x30;

    public static final int Sn_TTL_RESET = 0x80, Sn_IMR_RESET = 0xFF, Sn_FRAG_RESET = 0x4000,
            Sn_BUF_SIZE_RESET = 0x02;

    // Sn_MR
    public static final int Sn_MR_CLOSE = 0x00, Sn_MR_TCP = 0x01, Sn_MR_UDP = 0x02,
            Sn_MR_IPRAW = 0x03, Sn_MR_MACRAW = 0x04, Sn_MR_P = 0x0F;
    /** bit 7: MULTI (UDP multicast) / MFEN (MACRAW MAC filter). */
    public static final int Sn_MR_MULTI = 0x80, Sn_MR_MFEN = 0x80;
    /** bit 6: BCASTB, block broadcast (UDP, MACRAW). */
    public static final int Sn_MR_BCASTB = 0x40;
    /** bit 5: ND (TCP no delayed ACK) / MC (UDP IGMP version) / MMB (MACRAW multicast block). */
    public static final int Sn_MR_ND = 0x20, Sn_MR_MC = 0x20, Sn_MR_MMB = 0x20;
    /** bit 4: UCASTB (UDP multicast mode, block unicast) / MIP6B (MACRAW IPv6 block). */
    public static final int Sn_MR_UCASTB = 0x10, Sn_MR_MIP6B = 0x10;

    // Sn_CR
    public static final int Sn_CR_OPEN = 0x01, Sn_CR_LISTEN = 0x02, Sn_CR_CONNECT = 0x04,
            Sn_CR_DISCON = 0x08, Sn_CR_CLOSE = 0x10, Sn_CR_SEND = 0x20, Sn_CR_SEND_MAC = 0x21,
            Sn_CR_SEND_KEEP = 0x22, Sn_CR_RECV = 0x40;

    // Sn_IR
    public static final int Sn_IR_SENDOK = 0x10, Sn_IR_TIMEOUT = 0x08, Sn_IR_RECV = 0x04,
            Sn_IR_DISCON = 0x02, Sn_IR_CON = 0x01;

    // Sn_SR
    public static final int SOCK_CLOSED = 0x00, SOCK_INIT = 0x13, SOCK_LISTEN = 0x14,
            SOCK_SYNSENT = 0x15, SOCK_SYNRECV = 0x16, SOCK_ESTABLISHED = 0x17,
            SOCK_FIN_WAIT = 0x18, SOCK_CLOSING = 0x1A, SOCK_TIME_WAIT = 0x1B,
            SOCK_CLOSE_WAIT = 0x1C, SOCK_LAST_ACK = 0x1D, SOCK_UDP = 0x22, SOCK_IPRAW = 0x32,
            SOCK_MACRAW = 0x42;

    /** Datasheet name of a common register byte, e.g. "SIPR+2"; null when reserved. */
    public static String commonName(int offset) {
        return name(offset, COMMON_NAMES);
    }

    /** Datasheet name of a socket register byte, e.g. "Sn_TX_WR+1"; null when reserved. */
    public static String socketName(int offset) {
        return name(offset, SOCKET_NAMES);
    }

    public static String stateName(int sr) {
        switch (sr) {
            case SOCK_CLOSED: return "SOCK_CLOSED";
            case SOCK_INIT: return "SOCK_INIT";
            case SOCK_LISTEN: return "SOCK_LISTEN";
            case SOCK_SYNSENT: return "SOCK_SYNSENT";
            case SOCK_SYNRECV: return "SOCK_SYNRECV";
            case SOCK_ESTABLISHED: return "SOCK_ESTABLISHED";
            case SOCK_FIN_WAIT: return "SOCK_FIN_WAIT";
            case SOCK_CLOSING: return "SOCK_CLOSING";
            case SOCK_TIME_WAIT: return "SOCK_TIME_WAIT";
            case SOCK_CLOSE_WAIT: return "SOCK_CLOSE_WAIT";
            case SOCK_LAST_ACK: return "SOCK_LAST_ACK";
            case SOCK_UDP: return "SOCK_UDP";
            case SOCK_IPRAW: return "SOCK_IPRAW";
            case SOCK_MACRAW: return "SOCK_MACRAW";
            default: return String.format("0x%02X", sr);
        }
    }

    public static String commandName(int cr) {
        switch (cr) {
            case Sn_CR_OPEN: return "OPEN";
            case Sn_CR_LISTEN: return "LISTEN";
            case Sn_CR_CONNECT: return "CONNECT";
            case Sn_CR_DISCON: return "DISCON";
            case Sn_CR_CLOSE: return "CLOSE";
            case Sn_CR_SEND: return "SEND";
            case Sn_CR_SEND_MAC: return "SEND_MAC";
            case Sn_CR_SEND_KEEP: return "SEND_KEEP";
            case Sn_CR_RECV: return "RECV";
            default: return String.format("0x%02X", cr);
        }
    }

    /** Buffer size in bytes for an Sn_TXBUF_SIZE / Sn_RXBUF_SIZE value; -1 when not a datasheet value. */
    public static int bufferBytes(int sizeRegister) {
        switch (sizeRegister) {
            case 0: case 1: case 2: case 4: case 8: case 16: return sizeRegister * 1024;
            default: return -1;
        }
    }

    private record Field(int offset, int length, String name) { }

    private static final Field[] COMMON_NAMES = {
        new Field(MR, 1, "MR"), new Field(GAR, 4, "GAR"), new Field(SUBR, 4, "SUBR"),
        new Field(SHAR, 6, "SHAR"), new Field(SIPR, 4, "SIPR"), new Field(INTLEVEL, 2, "INTLEVEL"),
        new Field(IR, 1, "IR"), new Field(IMR, 1, "IMR"), new Field(SIR, 1, "SIR"),
        new Field(SIMR, 1, "SIMR"), new Field(RTR, 2, "RTR"), new Field(RCR, 1, "RCR"),
        new Field(PTIMER, 1, "PTIMER"), new Field(PMAGIC, 1, "PMAGIC"), new Field(PHAR, 6, "PHAR"),
        new Field(PSID, 2, "PSID"), new Field(PMRU, 2, "PMRU"), new Field(UIPR, 4, "UIPR"),
        new Field(UPORTR, 2, "UPORTR"), new Field(PHYCFGR, 1, "PHYCFGR"),
        new Field(VERSIONR, 1, "VERSIONR"),
    };

    private static final Field[] SOCKET_NAMES = {
        new Field(Sn_MR, 1, "Sn_MR"), new Field(Sn_CR, 1, "Sn_CR"), new Field(Sn_IR, 1, "Sn_IR"),
        new Field(Sn_SR, 1, "Sn_SR"), new Field(Sn_PORT, 2, "Sn_PORT"), new Field(Sn_DHAR, 6, "Sn_DHAR"),
        new Field(Sn_DIPR, 4, "Sn_DIPR"), new Field(Sn_DPORT, 2, "Sn_DPORT"),
        new Field(Sn_MSSR, 2, "Sn_MSSR"), new Field(Sn_TOS, 1, "Sn_TOS"), new Field(Sn_TTL, 1, "Sn_TTL"),
        new Field(Sn_RXBUF_SIZE, 1, "Sn_RXBUF_SIZE"), new Field(Sn_TXBUF_SIZE, 1, "Sn_TXBUF_SIZE"),
        new Field(Sn_TX_FSR, 2, "Sn_TX_FSR"), new Field(Sn_TX_RD, 2, "Sn_TX_RD"),
        new Field(Sn_TX_WR, 2, "Sn_TX_WR"), new Field(Sn_RX_RSR, 2, "Sn_RX_RSR"),
        new Field(Sn_RX_RD, 2, "Sn_RX_RD"), new Field(Sn_RX_WR, 2, "Sn_RX_WR"),
        new Field(Sn_IMR, 1, "Sn_IMR"), new Field(Sn_FRAG, 2, "Sn_FRAG"),
        new Field(Sn_KPALVTR, 1, "Sn_KPALVTR"),
    };

    private static String name(int offset, Field[] fields) {
        for (Field f : fields) {
            if (offset >= f.offset && offset < f.offset + f.length) {
                return offset == f.offset ? f.name : f.name + "+" + (offset - f.offset);
            }
        }
        return null;
    }
}
