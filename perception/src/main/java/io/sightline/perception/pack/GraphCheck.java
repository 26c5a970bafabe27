package io.sightline.perception.pack;

import io.sightline.runtime.InferenceSession;
import io.sightline.runtime.TensorSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks an opened graph against what the manifest promises: every named tensor exists on the right side
 * (input/output) with the same element type and rank, and fixed dimensions agree. Names come from the
 * session, so a re-exported graph with renamed tensors is caught before the first frame.
 */
public final class GraphCheck {
    private GraphCheck() {
    }

    public static void check(PackGraph expected, String graphFile, InferenceSession session) {
        check("input", expected.inputs(), session.inputs(), graphFile);
        check("output", expected.outputs(), session.outputs(), graphFile);
    }

    private static void check(String side, List<PackTensor> want, List<TensorSpec> have, String graphFile) {
        for (PackTensor t : want) {
            TensorSpec spec = have.stream().filter(s -> s.name().equals(t.name())).findFirst().orElseThrow(() ->
                new PackException(ModelPack.MANIFEST, side + " tensor '" + t.name() + "' not found in " + graphFile + "; has "
                    + have.stream().map(TensorSpec::name).collect(Collectors.joining(", ", "[", "]"))));
            if (spec.type() != t.type()) {
                throw new PackException(ModelPack.MANIFEST, "tensor '" + t.name() + "' is " + spec.type() + " in " + graphFile
                    + ", manifest says " + t.type());
            }
            if (spec.rank() != t.rank()) {
                throw new PackException(ModelPack.MANIFEST, "tensor '" + t.name() + "' has rank " + spec.rank() + " "
                    + spec.shapeText() + " in " + graphFile + ", manifest says rank " + t.rank() + " " + t.dims());
            }
            for (int d = 0; d < t.rank(); d++) {
                long m = t.dims().get(d);
                if (m >= 0 && !spec.isDynamic(d) && spec.dim(d) != m) {
                    throw new PackException(ModelPack.MANIFEST, "tensor '" + t.name() + "' dimension " + d + " is "
                        + spec.dim(d) + " in " + graphFile + ", manifest says " + m);
                }
            }
        }
    }
}
