package org.losslab.comparison;

/**
 * One row of view {@code v_enumeration_energy} (science.md §E.2 F13): at size N, the mean energy u = H/N of the
 * index-k critical points found, over {@code points} points in {@code samples} disorder samples, with its standard
 * error clustered by sample.
 */
public record EnumerationEnergyRow(int n, int k, long points, long samples, double meanEnergy, double seEnergy) {

    String canonical() {
        return n + "\t" + k + "\t" + points + "\t" + samples + "\t" + meanEnergy + "\t" + seEnergy;
    }
}
