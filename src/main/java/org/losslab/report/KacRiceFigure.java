package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.losslab.theory.SpinGlassComplexity;

/**
 * Finite-N Kac–Rice convergence (finding F8; science.md §B.8 item 4, §C.3 item 6 (ii)):
 * (1/N) ln E Crt_{N,k} against N for each rank-one strength θ (θ = 0: no perturbation), with ±1 SE bars
 * ((1/N)·se/mean; ln E Crt from column log_mean, which does not overflow) and the large-N limit Θ_{k,p}(u ≥ −E_∞) dashed. One panel per (p, k), k ≤ 2.
 */
final class KacRiceFigure implements FigureSection {

    static final String VIEW = "v_kac_rice";

    @Override
    public String id() {
        return "kac-rice-convergence";
    }

    @Override
    public String title() {
        return "Finite-N Kac-Rice against Theta";
    }

    @Override
    public String findings() {
        return "F8";
    }

    @Override
    public String caption() {
        return "Monte Carlo (1/N) ln E Crt_{N,k} over all energies, with and without the rank-one perturbation "
                + "theta v v^T, against N; dashed: the large-N limit Theta_{k,p}, which F8 expects every curve to approach.";
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
            XYChart c = Charts.xy("p = " + p + ", index k = " + k, "N", "(1/N) ln E Crt_{N,k}");
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
            c.getStyler().setYAxisDecimalPattern("0.0##");
            int i = 0;
            double nMin = Double.POSITIVE_INFINITY;
            double nMax = 0;
            for (Map.Entry<Double, List<Map<String, Object>>> s
                    : FigureData.group(panel.getValue(), r -> num(r, "theta")).entrySet()) {
                List<Map<String, Object>> rows = s.getValue();
                double[] n = FigureData.column(rows, "n");
                double[] y = new double[n.length];
                double[] err = new double[n.length];
                for (int j = 0; j < n.length; j++) {
                    double mean = num(rows.get(j), "mean");
                    y[j] = num(rows.get(j), "log_mean") / n[j];
                    err[j] = mean > 0 && Double.isFinite(mean) ? num(rows.get(j), "se") / mean / n[j] : 0;
                    nMin = Math.min(nMin, n[j]);
                    nMax = Math.max(nMax, n[j]);
                }
                XYSeries series = c.addSeries(s.getKey() == 0 ? "theta = 0 (no perturbation)" : "theta = " + s.getKey(), n, y, err);
                series.setLineColor(Charts.color(i));
                series.setMarkerColor(Charts.color(i++));
            }
            double limit = SpinGlassComplexity.theta(k, p, 0.0);
            XYSeries l = Charts.line(c, String.format("Theta_{k,%d} = %.4f", p, limit), new double[] {nMin, nMax},
                    new double[] {limit, limit}, Color.BLACK);
            l.setLineStyle(new java.awt.BasicStroke(1.8f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {7f, 4f}, 0f));
            panels.add(c);
        }
        return new Figure(panels, Math.min(2, panels.size()), Charts.WIDTH, Charts.HEIGHT);
    }
}
