package org.losslab.hessian;

import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * The spectral density of a symmetric operator by stochastic Lanczos quadrature (Lin, Saad and Yang
 * 2016; Ubaru, Chen and Saad 2017; as in Ghorbani, Krishnan and Xiao 2019 for network Hessians): for
 * Rademacher probes z (E[zzᵀ] = I), the m-step Lanczos run from z/‖z‖ yields the Gauss quadrature
 * (nodes θ_k, weights τ_k) of the measure Σ_i (u_iᵀz)²/‖z‖² δ_{λ_i}, whose mean over probes is the
 * spectral density (1/P) Σ_i δ_{λ_i}. Probe p draws from {@code Seeds.derive(seed, "slq-probe", p)};
 * probes run in lockstep so that each pass over the data serves a whole block of them.
 */
public final class StochasticLanczosQuadrature {

    private StochasticLanczosQuadrature() {
    }

    /**
     * @param probes number of probe vectors
     * @param steps  Lanczos steps per probe (Gauss nodes per probe)
     * @param block  probes that share one operator application
     */
    public static SpectralDensity estimate(SymmetricOperator op, int probes, int steps, int block, long seed) {
        if (probes < 2 || steps < 1 || block < 1) {
            throw new IllegalArgumentException("SLQ needs at least 2 probes (for an error) and 1 step, got "
                    + probes + " probes, " + steps + " steps, blocks of " + block);
        }
        int n = op.dimension();
        double[][] nodes = new double[probes][];
        double[][] weights = new double[probes][];
        for (int first = 0; first < probes; first += block) {
            int count = Math.min(block, probes - first);
            LanczosRun[] runs = new LanczosRun[count];
            for (int k = 0; k < count; k++) {
                runs[k] = new LanczosRun(rademacher(n, Seeds.derive(seed, "slq-probe", first + k)), steps);
            }
            runLockstep(op, runs);
            for (int k = 0; k < count; k++) {
                Tridiagonal.Ritz ritz = runs[k].tridiagonal().ritz();
                nodes[first + k] = ritz.values();
                weights[first + k] = ritz.weights();
            }
        }
        return new SpectralDensity(nodes, weights);
    }

    private static void runLockstep(SymmetricOperator op, LanczosRun[] runs) {
        while (true) {
            int active = 0;
            for (LanczosRun r : runs) {
                if (!r.finished()) {
                    active++;
                }
            }
            if (active == 0) {
                return;
            }
            double[][] in = new double[active][];
            double[][] out = new double[active][];
            LanczosRun[] owners = new LanczosRun[active];
            int k = 0;
            for (LanczosRun r : runs) {
                if (!r.finished()) {
                    owners[k] = r;
                    in[k] = r.current();
                    out[k] = new double[in[k].length];
                    k++;
                }
            }
            op.apply(in, out);
            for (int j = 0; j < active; j++) {
                owners[j].accept(out[j]);
            }
        }
    }

    static double[] rademacher(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextBoolean() ? 1.0 : -1.0;
        }
        return z;
    }
}
