package io.netstep.debug.model;

import io.netstep.debug.layers.Field;

import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** A decoded field of a protocol event; read-only (the event has happened). */
final class FieldVariable extends ReadOnlyVariable {

    private final Field field;

    FieldVariable(NetStepDebugTarget target, Field field) {
        super(target);
        this.field = field;
    }

    @Override
    public String getName() {
        return field.name();
    }

    @Override
    public String getReferenceTypeName() {
        return field.number() != null ? "uint" + field.width() * 8 : "text";
    }

    @Override
    public IValue getValue() {
        return new FieldValue();
    }

    @Override
    String whyReadOnly() {
        return "a decoded field cannot be changed";
    }

    private final class FieldValue extends NetStepDebugElement implements IValue {
        FieldValue() {
            super(FieldVariable.this.target());
        }

        @Override
        public String getReferenceTypeName() {
            return FieldVariable.this.getReferenceTypeName();
        }

        @Override
        public String getValueString() {
            return field.display();
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
    }
}
