package io.sightline.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks named inputs against a graph's input specs before any backend touches native memory. */
public final class InputCheck {
    private final String graph;
    private final List<TensorSpec> specs;

    public InputCheck(String graph, List<TensorSpec> specs) {
        this.graph = graph;
        this.specs = List.copyOf(specs);
    }

    public void check(Map<String, Tensor> inputs) {
        for (String name : inputs.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new InputMismatchException(name, graph + ": unknown input '" + name + "'; the graph has " + names());
            }
        }
        for (TensorSpec spec : specs) {
            Tensor t = inputs.get(spec.name());
            if (t == null) {
                throw new InputMismatchException(spec.name(), graph + ": missing input '" + spec.name() + "' "
                    + spec.type() + spec.shapeText() + "; given " + inputs.keySet());
            }
            if (t.type() != spec.type()) {
                throw new InputMismatchException(spec.name(), graph + ": input '" + spec.name() + "' must be "
                    + spec.type() + ", got " + t.type());
            }
            if (t.rank() != spec.rank()) {
                throw new InputMismatchException(spec.name(), graph + ": input '" + spec.name() + "' must have rank "
                    + spec.rank() + " " + spec.shapeText() + ", got rank " + t.rank() + " " + Arrays.toString(t.shapeView()));
            }
            if (!spec.accepts(t.shapeView())) {
                throw new InputMismatchException(spec.name(), graph + ": input '" + spec.name() + "' must have shape "
                    + spec.shapeText() + ", got " + Arrays.toString(t.shapeView()));
            }
        }
    }

    private String names() {
        return specs.stream().map(TensorSpec::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
