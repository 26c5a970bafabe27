package io.sightline.perception.pack;

import io.sightline.runtime.ElementType;
import java.util.List;

/**
 * A tensor as {@code manifest.json} describes it.
 *
 * @param name  the graph's input or output name
 * @param type  element type
 * @param rank  number of dimensions
 * @param dims  per dimension: a fixed size, or -1 where the manifest names a symbolic dimension ("batch")
 */
public record PackTensor(String name, ElementType type, int rank, List<Long> dims) {
    public PackTensor {
        dims = List.copyOf(dims);
        if (dims.size() != rank) {
            throw new IllegalArgumentException("tensor '" + name + "': rank " + rank + " but " + dims.size() + " dims");
        }
    }
}
