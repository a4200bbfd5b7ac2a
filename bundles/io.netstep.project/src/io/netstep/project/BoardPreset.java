package io.netstep.project;

import java.util.List;

/**
 * A development board the generator knows: its MCU as STM32CubeIDE and CubeMX name it, the SPI
 * peripheral the W5500 sits on, and default pins for a WIZ850io wired to its Arduino header.
 */
public enum BoardPreset {

    /** NUCLEO-F429ZI (STM32F429ZIT6, Cortex-M4F) with a WIZ850io on SPI1 (D13/D12/D11), CS D10, RESET D7, INT D8. */
    NUCLEO_F429ZI("nucleo-f429zi", "NUCLEO-F429ZI", "STM32F429ZITx", "STM32F429ZIT6", "LQFP144", "STM32F4",
            "STM32F429xx", "STM32F429ZITX_FLASH.ld", "SPI1", "PA5", "PA6", List.of("PA7", "PB5"),
            new W5500Pins("PA7", "PD14", "PF13", "PF12"));

    private final String cliName;
    private final String boardName;
    private final String mcu;
    private final String partNumber;
    private final String mcuPackage;
    private final String family;
    private final String deviceDefine;
    private final String linkerScript;
    private final String spi;
    private final String sck;
    private final String miso;
    private final List<String> mosiChoices;
    private final W5500Pins defaultPins;

    BoardPreset(String cliName, String boardName, String mcu, String partNumber, String mcuPackage, String family,
            String deviceDefine, String linkerScript, String spi, String sck, String miso, List<String> mosiChoices,
            W5500Pins defaultPins) {
        this.cliName = cliName;
        this.boardName = boardName;
        this.mcu = mcu;
        this.partNumber = partNumber;
        this.mcuPackage = mcuPackage;
        this.family = family;
        this.deviceDefine = deviceDefine;
        this.linkerScript = linkerScript;
        this.spi = spi;
        this.sck = sck;
        this.miso = miso;
        this.mosiChoices = mosiChoices;
        this.defaultPins = defaultPins;
    }

    /** The name on the command line ({@code --board nucleo-f429zi}). */
    public String cliName() { return cliName; }
    /** The board as STM32CubeIDE names it ({@code option.target_board}, {@code board=} in the .ioc). */
    public String boardName() { return boardName; }
    /** The MCU as STM32CubeIDE names it ({@code option.target_mcu}, {@code Mcu.Name}). */
    public String mcu() { return mcu; }
    /** The orderable part number ({@code Mcu.CPN}). */
    public String partNumber() { return partNumber; }
    public String mcuPackage() { return mcuPackage; }
    public String family() { return family; }
    /** The CMSIS device define ({@code STM32F429xx}). */
    public String deviceDefine() { return deviceDefine; }
    public String linkerScript() { return linkerScript; }
    /** The SPI peripheral the W5500 uses ({@code SPI1}). */
    public String spi() { return spi; }
    public String sck() { return sck; }
    public String miso() { return miso; }
    /** Pins that can carry the SPI's MOSI on this board. */
    public List<String> mosiChoices() { return mosiChoices; }
    public W5500Pins defaultPins() { return defaultPins; }
    /** The HAL handle CubeMX generates for the SPI ({@code hspi1}). */
    public String spiHandle() { return "h" + spi.toLowerCase(java.util.Locale.ROOT); }

    public static BoardPreset byCliName(String name) {
        for (BoardPreset b : values()) {
            if (b.cliName.equalsIgnoreCase(name) || b.boardName.equalsIgnoreCase(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown board '" + name + "' (known: nucleo-f429zi)");
    }
}
