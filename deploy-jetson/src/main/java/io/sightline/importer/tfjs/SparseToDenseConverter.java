package io.sightline.importer.tfjs;

/** SparseToDense of constants (sparse_indices, output_shape, sparse_values, default_value), folded. */
final class SparseToDenseConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        ConstTensor indices = ctx.constant(node, 0);
        int[] shape = ctx.constant(node, 1).ints(node.where());
        ConstTensor values = ctx.constant(node, 2);
        ConstTensor fill = ctx.constant(node, 3);
        long[] dims = java.util.Arrays.stream(shape).asLongStream().toArray();
        int n = Math.toIntExact(Shapes.size(dims));
        int rank = dims.length;
        int count = indices.shape().length == 0 ? 1 : (int) indices.shape()[0];
        int width = indices.shape().length < 2 ? 1 : (int) indices.shape()[1];
        if (indices.size() != count * width || (width != rank && count > 0) || fill.size() != 1
            || (values.size() != 1 && values.size() != count)) {
            throw new ImportException(node.where() + ": inconsistent sparse indices, values and shape");
        }
        double[] dense = new double[n];
        java.util.Arrays.fill(dense, fill.get(0));
        for (int e = 0; e < count; e++) {
            long flat = 0;
            for (int d = 0; d < rank; d++) {
                long idx = (long) indices.get(e * width + d);
                if (idx < 0 || idx >= dims[d]) {
                    throw new ImportException(node.where() + ": sparse index out of range");
                }
                flat = flat * dims[d] + idx;
            }
            dense[(int) flat] = values.get(values.size() == 1 ? 0 : e);
        }
        ConstTensor out;
        if (values.type() == ElementType.FLOAT) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) dense[i];
            }
            out = ConstTensor.ofFloats(dims, f);
        } else {
            out = ConstTensor.ofLongs(values.type(), dims, java.util.Arrays.stream(dense).mapToLong(v -> (long) v).toArray());
        }
        ctx.define(node, 0, new Value.Const(out));
    }
}
