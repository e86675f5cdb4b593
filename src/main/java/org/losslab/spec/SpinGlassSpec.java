package org.losslab.spec;

import java.util.List;
import org.losslab.theory.DescentSettings;

/**
 * The {@code spinglass:} section (science.md §A.5.1): descent on the spherical 3-spin model, one
 * coupling tensor per size N, {@code restarts} uniform starts each, by the P-sample SGD of the spin-glass
 * code the paper used ({@code sgd}) or plain Riemannian gradient descent ({@code gd}).
 */
public record SpinGlassSpec(List<Integer> sizes, int restarts, String method, int samples, int gdMaxSteps,
                            int blockSize, int stepsPerChunk, boolean index) {

    static SpinGlassSpec read(SpecTree t) {
        return new SpinGlassSpec(
                t.distinct("spinglass.sizes", t.integers("spinglass.sizes", null, 2, 5000).stream().map(Long::intValue).toList()),
                (int) t.integer("spinglass.restarts", null, 1, 1_000_000),
                t.choice("spinglass.method", "gd", "gd", "sgd"),
                (int) t.integer("spinglass.samples", 1L, 1, 10_000),
                (int) t.integer("spinglass.gd_max_steps", 5000L, 1, 100_000_000),
                (int) t.integer("spinglass.block_size", 50L, 1, 100_000),
                (int) t.integer("spinglass.steps_per_chunk", 50L, 1, 1_000_000),
                t.bool("spinglass.index", true));
    }

    public DescentSettings settings() {
        return "sgd".equals(method) ? DescentSettings.sgd(samples) : DescentSettings.gd(gdMaxSteps);
    }
}
