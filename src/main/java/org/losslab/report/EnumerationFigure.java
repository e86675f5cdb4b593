package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.losslab.spec.JobSpec;
import org.losslab.theory.SpinGlassComplexity;

/**
 * The critical points found by enumeration (finding F13; science.md §B.8 item 5, §B.6): per index k, the mean count
 * per disorder sample against Kac–Rice's expectation at the same N, and the mean energy u with −E_∞ marked. One
 * colour per N; bars are ±2 standard errors over the disorder samples.
 */
final class EnumerationFigure implements FigureSection {

    static final String COUNTS = "v_enumeration_counts";
    static final String ENERGY = "v_enumeration_energy";

    @Override
    public String id() {
        return "enumeration";
    }

    @Override
    public String title() {
        return "Critical points by enumeration";
    }

    @Override
    public String findings() {
        return "F13";
    }

    @Override
    public String caption() {
        return "Every critical point that damped Newton found on small spherical 3-spin samples. Left: the mean number "
                + "of critical points of each index k per disorder sample (circles, ±2 SE over samples) and Kac–Rice's "
                + "expected number at the same N (diamonds). Points missed by the enumeration show as circles below "
                + "the diamonds. Right: the mean energy u = H/N of the index-k points (±2 SE, clustered by sample), "
                + "with −E∞ marked. F13 expects the energy to increase with k and, below −E∞, almost only minima.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(COUNTS, List.of("n", "idx", "samples", "mean_count", "se_count", "kac_rice_expected"),
                        "n, idx", "the enumeration stage"),
                ViewQuery.of(ENERGY, List.of("n", "idx", "points", "mean_energy", "se_energy"), "n, idx",
                        "the enumeration stage").optional());
    }

    @Override
    public Figure render(FigureData data) {
        XYChart counts = Charts.xy("Critical points per sample, by index", "index k", "mean count per sample");
        XYChart energy = Charts.xy("Mean energy by index", "index k", "u = H/N");
        int i = 0;
        double kMax = 1;
        for (Map.Entry<Integer, List<Map<String, Object>>> e : FigureData.group(data.of(COUNTS), r -> integer(r, "n"))
                .entrySet()) {
            List<Map<String, Object>> rows = e.getValue();
            double dodge = 0.06 * i;
            double[] k = shifted(rows, dodge);
            double[] mean = FigureData.column(rows, "mean_count");
            double[] se = FigureData.column(rows, "se_count");
            String name = "N = " + e.getKey() + " (" + integer(rows.get(0), "samples") + " samples)";
            Charts.errorBars(counts, name, k, minus(mean, se), plus(mean, se), 0.05, Charts.color(i));
            Charts.points(counts, name, k, mean, Charts.color(i));
            XYSeries kr = Charts.points(counts, "Kac–Rice, N = " + e.getKey(), k,
                    rows.stream().mapToDouble(r -> r.get("kac_rice_expected") == null ? Double.NaN
                            : num(r, "kac_rice_expected")).toArray(), Charts.color(i));
            kr.setMarker(SeriesMarkers.DIAMOND);
            kMax = Math.max(kMax, e.getKey() - 1);
            i++;
        }
        i = 0;
        for (Map.Entry<Integer, List<Map<String, Object>>> e : FigureData.group(data.of(ENERGY), r -> integer(r, "n"))
                .entrySet()) {
            List<Map<String, Object>> rows = e.getValue();
            double[] k = shifted(rows, 0.06 * i);
            double[] mean = FigureData.column(rows, "mean_energy");
            double[] se = rows.stream().mapToDouble(r -> r.get("se_energy") == null ? Double.NaN : num(r, "se_energy"))
                    .toArray();
            String name = "N = " + e.getKey();
            Charts.errorBars(energy, name, k, minus(mean, se), plus(mean, se), 0.05, Charts.color(i));
            XYSeries line = Charts.line(energy, name, k, mean, Charts.color(i));
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(Charts.color(i));
            line.setLineStyle(new java.awt.BasicStroke(2f));
            i++;
        }
        double eInf = SpinGlassComplexity.eInf(3);
        XYSeries edge = Charts.line(energy, String.format("−E∞ = %.4f", -eInf), new double[] {0, kMax},
                new double[] {-eInf, -eInf}, Color.GRAY);
        edge.setLineStyle(new java.awt.BasicStroke(1.8f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {7f, 4f}, 0f));
        for (XYChart c : List.of(counts, energy)) {
            c.getStyler().setXAxisMin(-0.3);
            c.getStyler().setXAxisMax(kMax + 0.3);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            c.getStyler().setXAxisDecimalPattern("0.#");
        }
        return new Figure(new ArrayList<>(List.of(counts, energy)), 2, Charts.WIDTH, Charts.HEIGHT + 80);
    }

    private static double[] shifted(List<Map<String, Object>> rows, double dodge) {
        return rows.stream().mapToDouble(r -> integer(r, "idx") + dodge).toArray();
    }

    private static double[] minus(double[] m, double[] se) {
        double[] out = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            out[j] = m[j] - 2 * se[j];
        }
        return out;
    }

    private static double[] plus(double[] m, double[] se) {
        double[] out = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            out[j] = m[j] + 2 * se[j];
        }
        return out;
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.enumeration() == null ? "no enumeration section" : null;
    }
}
