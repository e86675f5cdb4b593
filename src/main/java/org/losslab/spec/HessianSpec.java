package org.losslab.spec;

import java.util.List;

/**
 * The {@code hessian:} section (science.md §A.6): the Hessian of the training loss of each selected trained
 * network at its final parameters. It needs the {@code training} section; its widths are a subset of
 * {@code training.hidden_widths}, its networks the restarts {@code 0 … runs_per_width − 1} of each width (at most
 * {@code training.restarts}: a larger value means all of them).
 *
 * @param widths       hidden widths to analyse (default: every trained width)
 * @param runsPerWidth restarts analysed per width (at most {@code training.restarts})
 * @param blockSize    networks per partition
 * @param seed         root of the Lanczos start and SLQ probe streams (default: the spec seed)
 * @param densityBins  bins of the stored spectral density histogram
 * @param denseMaxParams the exact dense Hessian up to this many parameters, Lanczos and SLQ above
 * The other components are the kernel's settings ({@code org.losslab.hessian.HessianSettings}), with its defaults.
 */
public record HessianSpec(List<Integer> widths, int runsPerWidth, int blockSize, long seed, int densityBins,
                          int denseMaxParams, double zeroTolerance, double criticalGradNorm, int lanczosSteps,
                          double lanczosTolerance, int slqProbes, int slqSteps, int slqBlock) {

    static HessianSpec read(SpecTree t, TrainingSpec training, long specSeed) {
        if (training == null) {
            throw t.error("hessian", "analyses the networks of the training section, and the spec has none");
        }
        List<Integer> widths = t.has("hessian.widths")
                ? t.integers("hessian.widths", null, 1, 100_000).stream().map(Long::intValue).toList()
                : training.hiddenWidths();
        for (int i = 0; i < widths.size(); i++) {
            if (!training.hiddenWidths().contains(widths.get(i))) {
                throw t.error("hessian.widths[" + i + "]", "must be one of training.hidden_widths "
                        + training.hiddenWidths() + ", not " + widths.get(i));
            }
        }
        // more than the trained restarts means all of them (e.g. the quickstart with --set training.restarts=1)
        int runs = Math.min(training.restarts(),
                (int) t.integer("hessian.runs_per_width", (long) training.restarts(), 1, 1_000_000));
        return new HessianSpec(widths, runs,
                (int) t.integer("hessian.block_size", 4L, 1, 100_000),
                t.integer("hessian.seed", specSeed, Long.MIN_VALUE, Long.MAX_VALUE),
                (int) t.integer("hessian.density_bins", 100L, 2, 10_000),
                (int) t.integer("hessian.dense_max_params", 3000L, 0, 20_000),
                t.number("hessian.zero_tolerance", 1e-9, 0, 0.1),
                t.number("hessian.critical_grad_norm", 1e-3, Double.MIN_NORMAL, 1e300),
                (int) t.integer("hessian.lanczos_steps", 300L, 2, 100_000),
                t.number("hessian.lanczos_tolerance", 1e-7, Double.MIN_NORMAL, 1),
                (int) t.integer("hessian.slq_probes", 10L, 2, 10_000),
                (int) t.integer("hessian.slq_steps", 80L, 1, 10_000),
                (int) t.integer("hessian.slq_block", 4L, 1, 1_000));
    }
}
