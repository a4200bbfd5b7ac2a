package io.netstep.project.internal;

import io.netstep.project.BoardPreset;
import io.netstep.project.ProjectSpec;
import io.netstep.project.W5500Pins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CubeMX configuration ({@code <name>.ioc}): the board's MCU, SPI full-duplex master on the
 * board's SPI pins, the W5500's chip select / reset / interrupt GPIOs with labels (CubeMX then
 * generates {@code W5500_CS_Pin} etc. in main.h), the RNG for mbedTLS's entropy and the mbedTLS
 * middleware with the spec's record size. Written as CubeMX writes it: the header line, then
 * {@code key=value} lines sorted by key, escaped like {@link java.util.Properties#store}
 * ({@code :} as {@code \:}).
 */
public final class IocFile {

    public static final String HEADER = "#MicroXplorer Configuration settings - do not modify";

    private IocFile() { }

    public static Map<String, String> settings(ProjectSpec spec) {
        BoardPreset b = spec.board();
        W5500Pins pins = spec.pins();
        String spi = b.spi();
        Map<String, String> m = new TreeMap<>();
        m.put("File.Version", "6");
        m.put("GPIO.groupedBy", "Group By Peripherals");
        m.put("KeepUserPlacement", "false");
        m.put("CAD.formats", "");
        m.put("CAD.pinconfig", "");
        m.put("CAD.provider", "");

        // peripherals, in CubeMX's (alphabetical) order
        List<String> ips = new ArrayList<>(List.of("MBEDTLS", "NVIC", "RCC", "RNG", spi, "SYS"));
        ips.sort(null);
        for (int i = 0; i < ips.size(); i++) {
            m.put("Mcu.IP" + i, ips.get(i));
        }
        m.put("Mcu.IPNb", String.valueOf(ips.size()));
        m.put("Mcu.CPN", b.partNumber());
        m.put("Mcu.Family", b.family());
        m.put("Mcu.Name", b.mcu());
        m.put("Mcu.UserName", b.mcu());
        m.put("Mcu.Package", b.mcuPackage());
        m.put("Mcu.ThirdPartyNb", "0");
        m.put("Mcu.UserConstants", "");
        m.put("MxCube.Version", "6.12.0");
        m.put("MxDb.Version", "DB.6.0.120");

        List<String> pinList = new ArrayList<>(List.of("PH0/OSC_IN", "PH1/OSC_OUT", b.sck(), b.miso(), pins.mosi(),
                pins.chipSelect(), pins.reset(), pins.interrupt(), "VP_MBEDTLS_VS_MBEDTLS", "VP_RNG_VS_RNG",
                "VP_SYS_VS_Systick"));
        for (int i = 0; i < pinList.size(); i++) {
            m.put("Mcu.Pin" + i, pinList.get(i));
        }
        m.put("Mcu.PinsNb", String.valueOf(pinList.size()));

        // HSE: 8 MHz from the ST-LINK's MCO (bypass) on the Nucleo boards
        m.put("PH0/OSC_IN.Mode", "HSE-External-Clock-Source");
        m.put("PH0/OSC_IN.Signal", "RCC_OSC_IN");
        m.put("PH1/OSC_OUT.Mode", "HSE-External-Clock-Source");
        m.put("PH1/OSC_OUT.Signal", "RCC_OSC_OUT");

        // SPI: mode 0, MSB first, 8 bit: the W5500's defaults; APB2 84 MHz / 4 = 21 Mbit/s
        spiPin(m, b.sck(), spi + "_SCK", "W5500_SCK");
        spiPin(m, b.miso(), spi + "_MISO", "W5500_MISO");
        spiPin(m, pins.mosi(), spi + "_MOSI", "W5500_MOSI");
        m.put(spi + ".BaudRatePrescaler", "SPI_BAUDRATEPRESCALER_4");
        m.put(spi + ".CalculateBaudRate", "21.0 MBits/s");
        m.put(spi + ".Direction", "SPI_DIRECTION_2LINES");
        m.put(spi + ".IPParameters", "VirtualType,Mode,Direction,BaudRatePrescaler,CalculateBaudRate");
        m.put(spi + ".Mode", "SPI_MODE_MASTER");
        m.put(spi + ".VirtualType", "VM_MASTER");

        // W5500 lines: SCSn and RSTn idle high, INTn active low (falling edge, pull-up)
        outputPin(m, pins.chipSelect(), "W5500_CS", "GPIO_SPEED_FREQ_VERY_HIGH");
        outputPin(m, pins.reset(), "W5500_RESET", null);
        String intPin = pins.interrupt();
        int line = W5500Pins.number(intPin);
        m.put(intPin + ".GPIOParameters", "GPIO_PuPd,GPIO_Label,GPIO_ModeDefaultEXTI");
        m.put(intPin + ".GPIO_Label", "W5500_INT");
        m.put(intPin + ".GPIO_ModeDefaultEXTI", "GPIO_MODE_IT_FALLING");
        m.put(intPin + ".GPIO_PuPd", "GPIO_PULLUP");
        m.put(intPin + ".Locked", "true");
        m.put(intPin + ".Signal", "GPXTI" + line);
        m.put("SH.GPXTI" + line + ".0", "GPIO_EXTI" + line);
        m.put("SH.GPXTI" + line + ".ConfNb", "1");

        // NVIC: CubeMX's value format enabled:preemption:sub:...
        String off = "true:0:0:false:false:true:false:false:false";
        for (String irq : List.of("BusFault_IRQn", "DebugMonitor_IRQn", "HardFault_IRQn", "MemoryManagement_IRQn",
                "NonMaskableInt_IRQn", "PendSV_IRQn", "SVCall_IRQn", "UsageFault_IRQn")) {
            m.put("NVIC." + irq, off);
        }
        m.put("NVIC.SysTick_IRQn", "true:15:0:false:false:true:false:true:false");
        m.put("NVIC.ForceEnableDMAVector", "true");
        m.put("NVIC.PriorityGroup", "NVIC_PRIORITYGROUP_4");
        m.put("NVIC." + extiIrq(line), "true:5:0:false:false:true:true:true:true");

        // clock: HSE 8 MHz -> PLL (M 4, N 168, P 2, Q 7) -> 168 MHz, APB1 42 MHz, APB2 84 MHz, 48 MHz for the RNG
        m.put("RCC.HSE_VALUE", "8000000");
        m.put("RCC.PLLM", "4");
        m.put("RCC.PLLN", "168");
        m.put("RCC.PLLQ", "7");
        m.put("RCC.PLLSourceVirtual", "RCC_PLLSOURCE_HSE");
        m.put("RCC.SYSCLKSource", "RCC_SYSCLKSOURCE_PLLCLK");
        m.put("RCC.SYSCLKFreq_VALUE", "168000000");
        m.put("RCC.HCLKFreq_Value", "168000000");
        m.put("RCC.APB1CLKDivider", "RCC_HCLK_DIV4");
        m.put("RCC.APB1Freq_Value", "42000000");
        m.put("RCC.APB2CLKDivider", "RCC_HCLK_DIV2");
        m.put("RCC.APB2Freq_Value", "84000000");
        m.put("RCC.48MHZClocksFreq_Value", "48000000");
        m.put("RCC.IPParameters", "48MHZClocksFreq_Value,APB1CLKDivider,APB1Freq_Value,APB2CLKDivider,APB2Freq_Value,"
                + "HCLKFreq_Value,HSE_VALUE,PLLM,PLLN,PLLQ,PLLSourceVirtual,SYSCLKFreq_VALUE,SYSCLKSource");

        // RNG: mbedTLS's entropy source (MBEDTLS_ENTROPY_HARDWARE_ALT -> mbedtls_hardware_poll in tls_port.c)
        m.put("VP_RNG_VS_RNG.Mode", "RNG_Activate");
        m.put("VP_RNG_VS_RNG.Signal", "RNG_VS_RNG");

        // mbedTLS middleware: the TLS record buffer the broker needs (F3)
        m.put("MBEDTLS.IPParameters", "MBEDTLS_SSL_MAX_CONTENT_LEN,MBEDTLS_ENTROPY_HARDWARE_ALT");
        m.put("MBEDTLS.MBEDTLS_SSL_MAX_CONTENT_LEN", String.valueOf(spec.tls().inputBufferBytes()));
        m.put("MBEDTLS.MBEDTLS_ENTROPY_HARDWARE_ALT", "1");
        m.put("VP_MBEDTLS_VS_MBEDTLS.Mode", "MBEDTLS");
        m.put("VP_MBEDTLS_VS_MBEDTLS.Signal", "MBEDTLS_VS_MBEDTLS");

        m.put("VP_SYS_VS_Systick.Mode", "SysTick");
        m.put("VP_SYS_VS_Systick.Signal", "SYS_VS_Systick");
        m.put("PinOutPanel.RotationAngle", "0");

        String name = spec.name();
        m.put("ProjectManager.AskForMigrate", "true");
        m.put("ProjectManager.BackupPrevious", "false");
        m.put("ProjectManager.CompilerOptimize", "6");
        m.put("ProjectManager.ComputerToolchain", "false");
        m.put("ProjectManager.CoupleFile", "true");
        m.put("ProjectManager.CustomerFirmwarePackage", "");
        m.put("ProjectManager.DefaultFWLocation", "true");
        m.put("ProjectManager.DeletePrevious", "true");
        m.put("ProjectManager.DeviceId", b.mcu());
        m.put("ProjectManager.FirmwarePackage", "STM32Cube FW_F4 V1.28.1");
        m.put("ProjectManager.FreePins", "false");
        m.put("ProjectManager.HalAssertFull", "false");
        m.put("ProjectManager.HeapSize", "0x8000");
        m.put("ProjectManager.KeepUserCode", "true");
        m.put("ProjectManager.LastFirmware", "true");
        m.put("ProjectManager.LibraryCopy", "1");
        m.put("ProjectManager.MainLocation", "Core/Src");
        m.put("ProjectManager.NoMain", "false");
        m.put("ProjectManager.PreviousToolchain", "STM32CubeIDE");
        m.put("ProjectManager.ProjectBuild", "false");
        m.put("ProjectManager.ProjectFileName", name + ".ioc");
        m.put("ProjectManager.ProjectName", name);
        m.put("ProjectManager.ProjectStructure", "");
        m.put("ProjectManager.RegisterCallBack", "");
        m.put("ProjectManager.StackSize", "0x1000");
        m.put("ProjectManager.TargetToolchain", "STM32CubeIDE");
        m.put("ProjectManager.ToolChainLocation", "");
        m.put("ProjectManager.UAScriptAfterPath", "");
        m.put("ProjectManager.UAScriptBeforePath", "");
        m.put("ProjectManager.UnderRoot", "true");
        m.put("ProjectManager.functionlistsort", "1-SystemClock_Config-RCC-false-HAL-false,2-MX_GPIO_Init-GPIO-false-HAL-true,"
                + "3-MX_" + spi + "_Init-" + spi + "-false-HAL-true,4-MX_RNG_Init-RNG-false-HAL-true,"
                + "5-MX_MBEDTLS_Init-MBEDTLS-false-HAL-false");
        m.put("board", b.boardName());
        m.put("boardIOC", "true");
        return m;
    }

    private static void spiPin(Map<String, String> m, String pin, String signal, String label) {
        m.put(pin + ".GPIOParameters", "GPIO_Label");
        m.put(pin + ".GPIO_Label", label);
        m.put(pin + ".Locked", "true");
        m.put(pin + ".Mode", "Full_Duplex_Master");
        m.put(pin + ".Signal", signal);
    }

    private static void outputPin(Map<String, String> m, String pin, String label, String speed) {
        m.put(pin + ".GPIOParameters", speed != null ? "GPIO_Speed,PinState,GPIO_Label" : "PinState,GPIO_Label");
        m.put(pin + ".GPIO_Label", label);
        if (speed != null) {
            m.put(pin + ".GPIO_Speed", speed);
        }
        m.put(pin + ".Locked", "true");
        m.put(pin + ".PinState", "GPIO_PIN_SET");
        m.put(pin + ".Signal", "GPIO_Output");
    }

    /** The NVIC line of EXTI n on STM32F4. */
    static String extiIrq(int line) {
        if (line <= 4) {
            return "EXTI" + line + "_IRQn";
        }
        return line <= 9 ? "EXTI9_5_IRQn" : "EXTI15_10_IRQn";
    }

    /** The file text: header, then sorted escaped lines. */
    public static String write(Map<String, String> settings) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        new TreeMap<>(settings).forEach((k, v) -> b.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return b.toString();
    }

    /** java.util.Properties' escaping, which is what CubeMX's files show ({@code true\:0\:0}). */
    public static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ' -> b.append(i == 0 || key ? "\\ " : " ");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
