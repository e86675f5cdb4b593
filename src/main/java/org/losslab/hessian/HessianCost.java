package org.losslab.hessian;

/**
 * What analysing one network will take, computed before anything is allocated: for the memory check
 * that refuses absurd sizes, and for the plan's time estimate (operations ÷ a measured rate). Counts
 * follow the kernels' own products; element-wise work is left out (it adds roughly a third).
 *
 * @param method   the path the settings choose for this size
 * @param bytes    peak off-heap plus heap bytes of the analysis (the data set excluded)
 * @param flops    floating-point operations of the DGEMMs (and of the dense eigenvalues)
 * @param products Hessian-vector products (at most, for Lanczos; 0 for exact)
 */
public record HessianCost(HessianMethod method, long bytes, double flops, long products) {

    public static HessianCost of(MlpShape shape, long rows, HessianSettings s) {
        long p = shape.parameterCount();
        long units = 0;
        for (int l = 1; l <= shape.layers(); l++) {
            units += shape.size(l);
        }
        if (p <= s.denseLimit()) {
            long accumulators = 0;
            double flops = 0;
            for (int l = 1; l <= shape.layers(); l++) {
                for (int m = l; m <= shape.layers(); m++) {
                    try (LayerPairBlock b = new LayerPairBlock(shape, l, m, false)) {
                        accumulators += b.accumulatorDoubles();
                        flops += b.gemmFlops(rows);
                    }
                }
            }
            int chunk = DenseHessian.chunkRows(shape, rows);
            long work = 2L * chunk * DenseHessian.widestWork(shape) + passDoubles(shape, chunk, units)
                    + GaussNewtonFactors.doubles(shape, chunk);
            double eigen = 4.0 / 3.0 * p * p * p;
            return new HessianCost(HessianMethod.EXACT, 8 * (p * p + accumulators + work), flops + eigen, 0);
        }
        int chunk = (int) Math.min(MlpLoss.CHUNK_ROWS, rows);
        long basis = (long) s.lanczosSteps() * p + (long) s.slqBlock() * s.slqSteps() * p;
        long buffers = passDoubles(shape, chunk, units) + 2L * chunk * units + 2L * s.slqBlock() * p;
        long products = s.lanczosSteps() + (long) s.slqProbes() * s.slqSteps();
        return new HessianCost(HessianMethod.LANCZOS, 8 * (basis + buffers), products * productFlops(shape, rows),
                products);
    }

    /** Doubles of a {@link ChunkPass}: activations, masks (on the heap) and errors of every layer, probabilities, ones. */
    private static long passDoubles(MlpShape shape, int chunk, long units) {
        return (long) chunk * (3 * units + shape.outputs() + 1);
    }

    /** DGEMM operations of one Hessian-vector product over n rows, its forward and backward pass included. */
    public static double productFlops(MlpShape shape, long n) {
        double f = 6.0 * n * shape.size(0) * shape.size(1);
        for (int l = 2; l <= shape.layers(); l++) {
            f += 16.0 * n * shape.size(l - 1) * shape.size(l);
        }
        return f;
    }
}
