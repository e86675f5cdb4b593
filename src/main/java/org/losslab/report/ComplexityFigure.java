package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.theory.SpinGlassComplexity;

/**
 * The complexity Θ_{k,3}(u) for several k (science.md §A.4, §B.4): the whole range of the view, and
 * the band [−1.665, −1.625] where the curves separate and cross zero at −E_k.
 */
final class ComplexityFigure implements FigureSection {

    static final String VIEW = "v_complexity";
    static final int MAX_K = 5;
    static final double BAND_LOW = -1.665;
    static final double BAND_HIGH = -1.625;

    @Override
    public String id() {
        return "complexity-theta";
    }

    @Override
    public String title() {
        return "Complexity Theta_{k,3}(u)";
    }

    @Override
    public String findings() {
        return "F1, F8";
    }

    @Override
    public String caption() {
        return "Annealed complexity Theta_{k,3}(u) of index-k critical points below energy u (ABC 2013; science.md "
                + "§B.4) for k = 0.." + MAX_K + ". Left: whole range; right: the band, where each curve crosses 0 "
                + "at -E_k and all merge at -E_inf.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("p", "k", "u", "theta"), "k, u", "the theory stage")
                .where("p = 3 AND k <= " + MAX_K));
    }

    @Override
    public Figure render(FigureData data) {
        Map<Integer, List<Map<String, Object>>> byK = FigureData.group(data.of(VIEW), r -> integer(r, "k"));
        XYChart whole = panel("Theta_{k,3}(u), whole range", byK, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        XYChart band = panel("Theta_{k,3}(u) in the band", byK, BAND_LOW, BAND_HIGH);
        return new Figure(List.of(whole, band), 2, Charts.WIDTH, Charts.HEIGHT);
    }

    private static XYChart panel(String title, Map<Integer, List<Map<String, Object>>> byK, double lo, double hi) {
        XYChart c = Charts.xy(title, "energy density u = H/N", "Theta_{k,3}(u)");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        c.getStyler().setYAxisDecimalPattern("0.0##");
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, List<Map<String, Object>>> e : byK.entrySet()) {
            List<Map<String, Object>> rows = e.getValue().stream()
                    .filter(r -> num(r, "u") >= lo && num(r, "u") <= hi).toList();
            if (rows.size() < 2) {
                continue;
            }
            double[] theta = FigureData.column(rows, "theta");
            for (double t : theta) {
                yMin = Math.min(yMin, t);
                yMax = Math.max(yMax, t);
            }
            Charts.line(c, "k = " + e.getKey(), FigureData.column(rows, "u"), theta, Charts.color(e.getKey()));
        }
        if (yMin > yMax) {
            throw new IllegalStateException("no Theta values with u in [" + lo + ", " + hi + "]");
        }
        double eInf = -SpinGlassComplexity.eInf(3);
        double xMin = c.getSeriesMap().values().stream().mapToDouble(s -> s.getXMin()).min().orElse(eInf);
        double xMax = c.getSeriesMap().values().stream().mapToDouble(s -> s.getXMax()).max().orElse(eInf);
        Charts.line(c, "zero", new double[] {xMin, xMax}, new double[] {0, 0}, Color.LIGHT_GRAY).setShowInLegend(false);
        Charts.vertical(c, String.format("-E_inf = %.4f", eInf), eInf, Math.min(yMin, 0), yMax, Color.GRAY);
        return c;
    }
}
