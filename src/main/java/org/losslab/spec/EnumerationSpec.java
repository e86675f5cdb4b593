package org.losslab.spec;

import java.util.List;

/**
 * The {@code enumeration:} section (science.md §B.8 item 5, §E.2 F13): every critical point of the spherical
 * 3-spin model that damped Newton finds from {@code starts} uniform points, for {@code samples} disorder samples
 * per size N ≤ 8 (above that the enumeration misses points, docs/performance.md), {@code block_size} samples per
 * partition; Kac–Rice's expected counts at the same N from {@code kac_rice_samples} GOE draws.
 *
 * @param starts Newton starts per sample, one per size (a single value applies to every size)
 */
public record EnumerationSpec(int p, List<Integer> sizes, int samples, List<Integer> starts, boolean mirror,
                              int blockSize, int kacRiceSamples) {

    /** Largest N the stage accepts: beyond it a complete enumeration needs more starts than is reasonable. */
    public static final int MAX_N = 8;

    static EnumerationSpec read(SpecTree t) {
        int p = (int) t.integer("enumeration.p", 3L, 3, 3);
        List<Integer> sizes = t.integers("enumeration.sizes", null, 2, MAX_N).stream().map(Long::intValue).toList();
        List<Integer> starts = t.integers("enumeration.starts", null, 1, 1_000_000).stream().map(Long::intValue)
                .toList();
        if (starts.size() != 1 && starts.size() != sizes.size()) {
            throw t.error("enumeration.starts", "must hold one value or one per size (" + sizes.size() + "), got "
                    + starts.size());
        }
        if (sizes.stream().distinct().count() != sizes.size()) {
            throw t.error("enumeration.sizes", "must not repeat a size, got " + sizes);
        }
        return new EnumerationSpec(p, sizes,
                (int) t.integer("enumeration.samples", null, 1, 1_000_000),
                starts,
                t.bool("enumeration.mirror", true),
                (int) t.integer("enumeration.block_size", 25L, 1, 1_000_000),
                (int) t.integer("enumeration.kac_rice_samples", 20_000L, 100, 100_000_000));
    }

    /** Newton starts per disorder sample at size {@code n}. */
    public int startsAt(int n) {
        return starts.size() == 1 ? starts.get(0) : starts.get(sizes.indexOf(n));
    }
}
