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
 * Finite-N Kac–Rice convergence (finding F8; science.md §B.8 item 4, §C.3 item 6 (ii)):
 * (1/N) ln E Crt_{N,k} against N for each rank-one strength θ (θ = 0: no perturbation), with ±1 SE bars
 * ((1/N)·se/mean; ln E Crt from column log_mean, which does not overflow) with caps, the θ series dodged
 * sideways so that none hides another, and the large-N limit Θ_{k,p}(u ≥ −E_∞) dashed. One panel per (p, k), k ≤ 2.
 */
final class KacRiceFigure implements FigureSection {

    static final String VIEW = "v_kac_rice";

    @Override
    public String id() {
        return "kac-rice-convergence";
    }

    @Override
    public String title() {
        return "Finite-N Kac-Rice against Θ";
    }

    @Override
    public String findings() {
        return "F8";
    }

    @Override
    public String caption() {
        return "Monte Carlo (1/N) ln E Crt_{N,k} over all energies, with and without the rank-one perturbation "
                + "θ v vᵀ, against N, ±1 standard error (capped bars; series of different θ side by side at each N); "
                + "dashed: the large-N limit Θ_{k,p}, which F8 expects every curve to approach for fixed small k.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("p", "n", "theta", "k", "mean", "se", "log_mean"),
                "p, k, theta, n", "the theory stage (Kac-Rice Monte Carlo)").where("k IS NOT NULL AND k <= 2"));
    }

    @Override
    public Figure render(FigureData data) {
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> panel
                : FigureData.group(data.of(VIEW), r -> integer(r, "p") + "\t" + integer(r, "k")).entrySet()) {
            int p = integer(panel.getValue().get(0), "p");
            int k = integer(panel.getValue().get(0), "k");
            XYChart c = Charts.xy("p = " + p + ", index k = " + k, "N", "(1/N) ln E Crtₙ,ₖ");
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
            c.getStyler().setYAxisDecimalPattern("0.0##");
            c.getStyler().setMarkerSize(8);
            Map<Double, List<Map<String, Object>>> byTheta = FigureData.group(panel.getValue(), r -> num(r, "theta"));
            double nMin = panel.getValue().stream().mapToDouble(r -> num(r, "n")).min().orElseThrow();
            double nMax = panel.getValue().stream().mapToDouble(r -> num(r, "n")).max().orElseThrow();
            double span = Math.max(nMax - nMin, 1);
            int i = 0;
            for (Map.Entry<Double, List<Map<String, Object>>> s : byTheta.entrySet()) {
                List<Map<String, Object>> rows = s.getValue();
                double dodge = (i - (byTheta.size() - 1) / 2.0) * 0.012 * span;   // series side by side, none hidden
                double[] n = new double[rows.size()];
                double[] y = new double[rows.size()];
                double[] lo = new double[rows.size()];
                double[] hi = new double[rows.size()];
                for (int j = 0; j < rows.size(); j++) {
                    double mean = num(rows.get(j), "mean");
                    double size = num(rows.get(j), "n");
                    n[j] = size + dodge;
                    y[j] = num(rows.get(j), "log_mean") / size;
                    double err = mean > 0 && Double.isFinite(mean) ? num(rows.get(j), "se") / mean / size : Double.NaN;
                    lo[j] = y[j] - err;
                    hi[j] = y[j] + err;
                }
                String name = s.getKey() == 0 ? "θ = 0 (no perturbation)" : "θ = " + s.getKey();
                Charts.errorBars(c, name, n, lo, hi, 0.006 * span, Charts.color(i));
                XYSeries series = c.addSeries(name, n, y);
                series.setLineColor(Charts.color(i));
                series.setMarkerColor(Charts.color(i));
                series.setMarker(MARKERS[i % MARKERS.length]);
                i++;
            }
            double limit = SpinGlassComplexity.theta(k, p, 0.0);
            XYSeries l = Charts.line(c, String.format("Θ%s,%s = %.4f (N → ∞)", sub(k), sub(p), limit),
                    new double[] {nMin, nMax}, new double[] {limit, limit}, Color.BLACK);
            l.setLineStyle(new java.awt.BasicStroke(1.8f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {7f, 4f}, 0f));
            panels.add(c);
        }
        return new Figure(panels, Math.min(2, panels.size()), Charts.WIDTH, Charts.HEIGHT);
    }

    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    /** An integer as Unicode subscript digits, e.g. 12 → ₁₂. */
    static String sub(int v) {
        StringBuilder b = new StringBuilder();
        for (char ch : Integer.toString(v).toCharArray()) {
            b.append(ch == '-' ? '₋' : (char) ('₀' + (ch - '0')));
        }
        return b.toString();
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.theory() == null ? "no theory section" : null;
    }
}
