package org.losslab.spec;

/**
 * The optional {@code compare:} section: how the compare step decides its verdicts (docs/science.md §E.3).
 * Absent keys take their defaults, which are not written into the stored spec text, so specs without the
 * section keep their hash.
 *
 * @param alpha              level of every test: 95 % intervals at the default 0.05 (key {@code compare.alpha})
 * @param bootstrapResamples resamples of every bootstrap interval ({@code compare.bootstrap_resamples})
 * @param kacRiceMaxK        largest index k whose finite-N Kac–Rice counts are judged against Θ_{k,p}
 *                           ({@code compare.kac_rice_max_k}); the limit holds for fixed k, so larger k are shown only
 */
public record CompareSpec(double alpha, int bootstrapResamples, int kacRiceMaxK) {

    public static final CompareSpec DEFAULTS = new CompareSpec(0.05, 2000, 3);

    static CompareSpec read(SpecTree t) {
        return new CompareSpec(
                t.number("compare.alpha", DEFAULTS.alpha(), 0.001, 0.2),
                (int) t.integer("compare.bootstrap_resamples", (long) DEFAULTS.bootstrapResamples(), 200, 1_000_000),
                (int) t.integer("compare.kac_rice_max_k", (long) DEFAULTS.kacRiceMaxK(), 0, 1000));
    }
}
