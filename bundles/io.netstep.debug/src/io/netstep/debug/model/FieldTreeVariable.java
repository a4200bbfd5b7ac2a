package io.netstep.debug.model;

import io.netstep.session.analysis.FieldNode;

import java.util.List;

import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/**
 * One node of a decoded event's field tree (as the TLS and MQTT decoders name it: "extensions",
 * "Extension", "host_name", "return_code"…), read-only. A node with children is a variable whose
 * value has variables, like a struct in a program: the Variables view shows the tree the Packet
 * Detail view and Wireshark show. Children are made when first asked for and kept with the
 * frame, which lives for one suspend.
 */
final class FieldTreeVariable extends ReadOnlyVariable {

    /** Longer display values (hex previews of big opaque fields) are cut here. */
    static final int MAX_VALUE_CHARS = 400;

    private final FieldNode node;
    private final FieldTreeValue value;

    FieldTreeVariable(NetStepDebugTarget target, FieldNode node) {
        super(target);
        this.node = node;
        this.value = new FieldTreeValue();
    }

    /** The children of {@code parent} as variables, in wire order. */
    static IVariable[] of(NetStepDebugTarget target, FieldNode parent) {
        List<FieldNode> children = parent.children();
        IVariable[] v = new IVariable[children.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = new FieldTreeVariable(target, children.get(i));
        }
        return v;
    }

    /** The decoded node shown (for views and tests that want the bytes it covers). */
    public FieldNode node() {
        return node;
    }

    @Override
    public String getName() {
        return node.name();
    }

    @Override
    public String getReferenceTypeName() {
        return node.children().isEmpty() ? "field" : "struct";
    }

    @Override
    public IValue getValue() {
        return value;
    }

    @Override
    String whyReadOnly() {
        return "a decoded field cannot be changed";
    }

    private final class FieldTreeValue extends NetStepDebugElement implements IValue {

        private IVariable[] children;

        FieldTreeValue() {
            super(FieldTreeVariable.this.target());
        }

        @Override
        public String getReferenceTypeName() {
            return FieldTreeVariable.this.getReferenceTypeName();
        }

        /** The decoder's display value: names with their code for enums, decimal lengths, hex previews of bytes. */
        @Override
        public String getValueString() {
            String v = node.value();
            return v.length() <= MAX_VALUE_CHARS ? v : v.substring(0, MAX_VALUE_CHARS) + " …";
        }

        @Override
        public boolean isAllocated() {
            return true;
        }

        @Override
        public synchronized IVariable[] getVariables() {
            if (children == null) {
                children = of(target(), node);
            }
            return children.clone();
        }

        @Override
        public boolean hasVariables() {
            return !node.children().isEmpty();
        }
    }
}
