package io.sightline.importer.tfjs;

/** Transpose with a constant permutation (composed with neighbouring transposes by the context). */
final class TransposeConverter implements OpConverter {
    @Override
    public void convert(TfNode node, ConversionContext ctx) {
        Value.Dynamic x = ctx.dynamic(node, 0);
        int[] perm = ctx.constant(node, 1).ints(node.where());
        if (perm.length != x.rank()) {
            throw new ImportException(node.where() + ": permutation of " + perm.length + " axes for rank " + x.rank());
        }
        ctx.define(node, 0, ctx.transpose(x, perm, node.name()));
    }
}
