package io.netstep.debug.model;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/**
 * One W5500 register. Its value is what the chip held at the suspension; it is flagged as
 * changed when it differs from the previous suspension, and can be written while suspended
 * (through the session, so the write has the chip's own effects, as over SPI).
 */
public final class RegisterVariable extends NetStepDebugElement implements IVariable {

    private final int block;
    private final RegisterMap.Register register;

    RegisterVariable(NetStepDebugTarget target, int block, RegisterMap.Register register) {
        super(target);
        this.block = block;
        this.register = register;
    }

    public int block() {
        return block;
    }

    public RegisterMap.Register register() {
        return register;
    }

    @Override
    public String getName() {
        return register.name();
    }

    @Override
    public String getReferenceTypeName() {
        return "uint" + register.width() * 8;
    }

    @Override
    public RegisterValue getValue() {
        long v = 0;
        for (int i = 0; i < register.width(); i++) {
            v = v << 8 | target().currentByte(block, register.offset() + i);
        }
        return new RegisterValue(target(), register, v);
    }

    @Override
    public boolean hasValueChanged() {
        return target().changedSinceLastSuspend(block, register.offset(), register.width());
    }

    @Override
    public boolean supportsValueModification() {
        return target().isSuspended();
    }

    @Override
    public boolean verifyValue(String expression) {
        return RegisterValue.parse(expression, register) != null;
    }

    @Override
    public boolean verifyValue(IValue value) {
        return value instanceof RegisterValue;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        if (!target().isSuspended()) {
            throw error("registers can be written only while the target is suspended", null);
        }
        Long v = RegisterValue.parse(expression, register);
        if (v == null) {
            throw error("'" + expression + "' is not a " + register.width() + "-byte value for " + register.name()
                    + " (hex 0x.., decimal" + (register.isAddress() ? ", or a.b.c.d" : "") + ")", null);
        }
        for (int i = 0; i < register.width(); i++) {
            int shift = 8 * (register.width() - 1 - i);
            target().poke(block, register.offset() + i, (int) (v >>> shift) & 0xFF);
        }
        fireChangeEvent(DebugEvent.CONTENT);
    }

    @Override
    public void setValue(IValue value) throws DebugException {
        if (!(value instanceof RegisterValue r)) {
            throw error("not a register value: " + value, null);
        }
        setValue(Long.toString(r.number()));
    }
}
