package io.netstep.debug.model;

import io.netstep.w5500.Registers;

import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** A register's value: hex and decimal, dotted for addresses, with the Sn_SR / Sn_CR name. */
public final class RegisterValue extends NetStepDebugElement implements IValue {

    private final RegisterMap.Register register;
    private final long number;

    RegisterValue(NetStepDebugTarget target, RegisterMap.Register register, long number) {
        super(target);
        this.register = register;
        this.number = number;
    }

    public long number() {
        return number;
    }

    @Override
    public String getReferenceTypeName() {
        return "uint" + register.width() * 8;
    }

    @Override
    public String getValueString() {
        String hex = String.format("0x%0" + register.width() * 2 + "X", number);
        String s = hex + " (" + number + ")";
        if (register.isAddress()) {
            s = String.format("%d.%d.%d.%d", number >> 24 & 0xFF, number >> 16 & 0xFF, number >> 8 & 0xFF, number & 0xFF)
                    + " (" + hex + ")";
        } else if (register.width() == 6) {
            StringBuilder mac = new StringBuilder();
            for (int i = 5; i >= 0; i--) {
                mac.append(String.format("%02X", number >> (8 * i) & 0xFF)).append(i > 0 ? ":" : "");
            }
            s = mac + " (" + hex + ")";
        }
        return switch (register.name()) {
            case "Sn_SR" -> s + " " + Registers.stateName((int) number);
            case "Sn_CR" -> number == 0 ? s : s + " " + Registers.commandName((int) number);
            default -> s;
        };
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public IVariable[] getVariables() {
        return new IVariable[0];
    }

    @Override
    public boolean hasVariables() {
        return false;
    }

    /** "0x17", "23", "192.168.0.10" (4-byte addresses), "00:08:DC:01:02:03" (6 bytes); null when it does not fit. */
    static Long parse(String text, RegisterMap.Register register) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        long max = register.width() >= 8 ? Long.MAX_VALUE : (1L << (8 * register.width())) - 1;
        try {
            long v;
            if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}") && register.width() == 4) {
                v = 0;
                for (String part : t.split("\\.")) {
                    int b = Integer.parseInt(part);
                    if (b > 255) {
                        return null;
                    }
                    v = v << 8 | b;
                }
            } else if (t.matches("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}") && register.width() == 6) {
                v = Long.parseLong(t.replace(":", ""), 16);
            } else if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else {
                v = Long.parseLong(t);
            }
            return v >= 0 && v <= max ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
