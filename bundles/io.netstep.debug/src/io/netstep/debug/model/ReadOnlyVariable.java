package io.netstep.debug.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** A variable the user cannot edit; {@link #whyReadOnly()} is what an edit attempt reports. */
abstract class ReadOnlyVariable extends NetStepDebugElement implements IVariable {

    ReadOnlyVariable(NetStepDebugTarget target) {
        super(target);
    }

    abstract String whyReadOnly();

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        throw error(whyReadOnly(), null);
    }

    @Override
    public void setValue(IValue value) throws DebugException {
        throw error(whyReadOnly(), null);
    }

    @Override
    public boolean verifyValue(String expression) {
        return false;
    }

    @Override
    public boolean verifyValue(IValue value) {
        return false;
    }
}
