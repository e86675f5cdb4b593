package org.losslab.pipeline.enumeration;

import org.losslab.Seeds;
import org.losslab.theory.SphericalPSpin;

/**
 * The random streams of the enumeration stage (docs/architecture.md, Determinism): each disorder sample's
 * couplings and Newton starts depend on the spec seed, N and the sample number only, and Kac–Rice's GOE draws
 * on the spec seed and N, so any sample can be recomputed alone.
 */
final class EnumerationSeeds {

    private EnumerationSeeds() {
    }

    static SphericalPSpin couplings(long seed, int p, int n, int sample) {
        return SphericalPSpin.sample(p, n, Seeds.derive(seed, "enumeration-couplings", n, sample));
    }

    static long starts(long seed, int n, int sample) {
        return Seeds.derive(seed, "enumeration-starts", n, sample);
    }

    static long kacRice(long seed, int n) {
        return Seeds.derive(seed, "enumeration-kac-rice", n);
    }
}
