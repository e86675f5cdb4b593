package org.losslab.spec;

import java.util.List;
import org.losslab.theory.AnnealingSchedule;
import org.losslab.theory.DescentSettings;

/**
 * The {@code spinglass:} section (science.md §A.5.1): descent on the spherical 3-spin model, one
 * coupling tensor per size N, {@code restarts} uniform starts each, by the P-sample SGD of the spin-glass
 * code the paper used ({@code sgd}), plain Riemannian gradient descent ({@code gd}) or simulated annealing with a
 * gradient polish ({@code annealing}, science.md §A.5.3). {@code method} names one of them or a list, e.g.
 * {@code [gd, annealing]}, which runs both on the same couplings (at most one descent method per section).
 *
 * @param annealMargin equivalence margin in u = H/N of the F6 test (annealing against descent, science.md §E.3)
 */
public record SpinGlassSpec(List<Integer> sizes, int restarts, List<String> methods, int samples, int gdMaxSteps,
                            int blockSize, int stepsPerChunk, boolean index, int annealSteps, double annealT0,
                            double annealStepScale, int annealPolishMaxSteps, double annealMargin) {

    public static final String ANNEALING = "annealing";

    static SpinGlassSpec read(SpecTree t) {
        List<String> methods = t.choices("spinglass.method", "gd", "gd", "sgd", ANNEALING);
        if (methods.contains("gd") && methods.contains("sgd")) {
            throw t.error("spinglass.method", "may name at most one descent method (gd or sgd), not both");
        }
        return new SpinGlassSpec(
                t.distinct("spinglass.sizes", t.integers("spinglass.sizes", null, 2, 5000).stream().map(Long::intValue).toList()),
                (int) t.integer("spinglass.restarts", null, 1, 1_000_000),
                methods,
                (int) t.integer("spinglass.samples", 1L, 1, 10_000),
                (int) t.integer("spinglass.gd_max_steps", 5000L, 1, 100_000_000),
                (int) t.integer("spinglass.block_size", 50L, 1, 100_000),
                (int) t.integer("spinglass.steps_per_chunk", 50L, 1, 1_000_000),
                t.bool("spinglass.index", true),
                (int) t.integer("spinglass.anneal_steps", 2000L, 1, 100_000_000),
                t.number("spinglass.anneal_t0", 2.0, 1e-6, 1e6),
                t.number("spinglass.anneal_step_scale", 1.0, 1e-6, 1e3),
                (int) t.integer("spinglass.anneal_polish_max_steps", 5000L, 0, 100_000_000),
                t.number("spinglass.anneal_margin", 0.05, 1e-9, 10.0));
    }

    /** The descent method of the section (gd or sgd), or null if it only anneals. */
    public String descentMethod() {
        return methods.stream().filter(m -> !ANNEALING.equals(m)).findFirst().orElse(null);
    }

    public boolean anneals() {
        return methods.contains(ANNEALING);
    }

    /** The descent's settings (GD with {@code gd_max_steps} when the section only anneals). */
    public DescentSettings settings() {
        return "sgd".equals(descentMethod()) ? DescentSettings.sgd(samples) : DescentSettings.gd(gdMaxSteps);
    }

    public AnnealingSchedule schedule() {
        return new AnnealingSchedule(annealSteps, annealT0, annealStepScale, annealPolishMaxSteps);
    }
}
