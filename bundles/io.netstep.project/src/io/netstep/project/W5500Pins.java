package io.netstep.project;

import java.util.regex.Pattern;

/**
 * The MCU pins of the W5500's own lines besides SCK and MISO: MOSI (board choice), chip select
 * (SCSn), reset (RSTn) and interrupt (INTn), as CubeMX names pins ({@code PD14}).
 */
public record W5500Pins(String mosi, String chipSelect, String reset, String interrupt) {

    private static final Pattern PIN = Pattern.compile("P[A-K](1[0-5]|[0-9])");

    public W5500Pins {
        mosi = check("MOSI", mosi);
        chipSelect = check("CS", chipSelect);
        reset = check("RESET", reset);
        interrupt = check("INT", interrupt);
    }

    private static String check(String what, String pin) {
        String p = pin == null ? "" : pin.trim().toUpperCase(java.util.Locale.ROOT);
        if (!PIN.matcher(p).matches()) {
            throw new IllegalArgumentException(what + " pin '" + pin + "' is not an STM32 pin name such as PD14");
        }
        return p;
    }

    /** The pin's number (the EXTI line of an interrupt pin): 12 for PF12. */
    public static int number(String pin) {
        return Integer.parseInt(pin.substring(2));
    }

    /** The GPIO port: "GPIOF" for PF12. */
    public static String port(String pin) {
        return "GPIO" + pin.charAt(1);
    }

    public W5500Pins withMosi(String p) { return new W5500Pins(p, chipSelect, reset, interrupt); }
    public W5500Pins withChipSelect(String p) { return new W5500Pins(mosi, p, reset, interrupt); }
    public W5500Pins withReset(String p) { return new W5500Pins(mosi, chipSelect, p, interrupt); }
    public W5500Pins withInterrupt(String p) { return new W5500Pins(mosi, chipSelect, reset, p); }
}
