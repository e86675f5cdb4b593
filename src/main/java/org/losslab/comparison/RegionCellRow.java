package org.losslab.comparison;

/**
 * One row of view {@code v_region_stats} (science.md §C.4): a region statistic of one layer, piece and
 * averaging, with its binomial-null sd and KS distance.
 */
public record RegionCellRow(String runKey, String architecture, String activation, String networkState,
                            String inputSet, String layer, int piece, String averaging, long n, double mean,
                            double sd, double nullSd, double ksDistance) {

    /** The grid cell of science.md §C.4 this row belongs to. */
    public String cell() {
        return architecture + " / " + activation + " / " + networkState + " / " + inputSet + " / " + averaging;
    }

    String canonical() {
        return String.join("\t", runKey, layer, String.valueOf(piece), averaging, String.valueOf(n),
                String.valueOf(mean), String.valueOf(sd), String.valueOf(nullSd), String.valueOf(ksDistance));
    }
}
