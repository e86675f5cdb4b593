package org.losslab.comparison;

/**
 * Where spin-glass final energies sit against the band {@code [−E_0, −E_∞]} (finding F1; docs/science.md
 * §A.4, §B.5, §B.7): how many lie below {@code −E_0} (beneath the ground state: impossible for large N,
 * a finite-N effect), inside the band (both ends included), and above {@code −E_∞}.
 * Energies are densities {@code u = H/N} (science.md §1).
 */
public record BandOccupancy(int n, int below, int inside, int above) {

    public static BandOccupancy of(double[] u, double e0, double eInf) {
        if (!(e0 > eInf)) {
            throw new IllegalArgumentException("need E_0 > E_inf, got " + e0 + " and " + eInf);
        }
        int below = 0;
        int inside = 0;
        int above = 0;
        for (double x : u) {
            if (x < -e0) {
                below++;
            } else if (x <= -eInf) {
                inside++;
            } else {
                above++;
            }
        }
        return new BandOccupancy(u.length, below, inside, above);
    }
}
