package io.netstep.debug.model;

import io.netstep.w5500.Registers;

import java.util.List;

import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** "common registers" / "Sn registers (socket n)": the thread's registers as children. */
final class RegisterGroupVariable extends ReadOnlyVariable {

    private final W5500Thread thread;

    RegisterGroupVariable(NetStepDebugTarget target, W5500Thread thread) {
        super(target);
        this.thread = thread;
    }

    static IVariable[] registerVariables(NetStepDebugTarget target, W5500Thread thread) {
        List<RegisterMap.Register> regs = thread.registers();
        IVariable[] v = new IVariable[regs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = new RegisterVariable(target, thread.registerBlock(), regs.get(i));
        }
        return v;
    }

    @Override
    public String getName() {
        return thread.socket() < 0 ? "common registers" : "Sn registers (socket " + thread.socket() + ")";
    }

    @Override
    public String getReferenceTypeName() {
        return "registers";
    }

    @Override
    public IValue getValue() {
        return new Group();
    }

    @Override
    String whyReadOnly() {
        return "edit the registers one by one";
    }

    private final class Group extends NetStepDebugElement implements IValue {
        Group() {
            super(RegisterGroupVariable.this.target());
        }

        @Override
        public String getReferenceTypeName() {
            return "registers";
        }

        @Override
        public String getValueString() {
            return "BSB " + thread.registerBlock() + (thread.socket() >= 0
                    ? ", " + Registers.stateName(target().currentByte(thread.registerBlock(), Registers.Sn_SR)) : "");
        }

        @Override
        public boolean isAllocated() {
            return true;
        }

        @Override
        public IVariable[] getVariables() {
            return registerVariables(target(), thread);
        }

        @Override
        public boolean hasVariables() {
            return true;
        }
    }
}
