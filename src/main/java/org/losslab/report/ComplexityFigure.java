package org.losslab.report;

import static org.losslab.report.FigureData.num;
import static org.losslab.report.FigureData.str;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;
import org.losslab.theory.SpinGlassComplexity;

/**
 * The complexity of the spherical 3-spin glass (science.md §A.4, §B.4): left, the total Θ₃(u) over the whole
 * u range of the view with Θ₀,₃ (they coincide below −E∞, where minima dominate); right, Θₖ,₃(u) for
 * k = 0..{@value #MAX_K} zoomed to where the curves differ (from the band's lower end to just above −E∞, where
 * they merge), each crossing 0 at −E_k.
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
        return "Complexity Θₖ,₃(u)";
    }

    @Override
    public String findings() {
        return "F1, F8";
    }

    @Override
    public String caption() {
        return "Annealed complexity of the spherical 3-spin glass (ABC 2013; science.md §B.4). Left: the total "
                + "Θ₃(u) of critical points below energy u over the whole computed range, with Θ₀,₃ (minima), which "
                + "equals it below −E∞. Right: Θₖ,₃(u) for k = 0.." + MAX_K + " where they differ: each crosses 0 "
                + "at −Eₖ and all merge at −E∞.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("p", "k", "curve", "u", "theta"), "curve, k, u", "the theory stage")
                .where("p = 3 AND (k IS NULL OR k <= " + MAX_K + ")"));
    }

    @Override
    public Figure render(FigureData data) {
        List<Map<String, Object>> rows = data.of(VIEW);
        double eInf = -SpinGlassComplexity.eInf(3);
        XYChart whole = Charts.xy("Θ₃(u) over the whole range", "energy density u = H/N", "complexity");
        whole.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        whole.getStyler().setYAxisDecimalPattern("0.0##");
        List<Map<String, Object>> total = rows.stream().filter(r -> "total".equals(str(r, "curve"))).toList();
        List<Map<String, Object>> minima = rows.stream().filter(r -> "index".equals(str(r, "curve")) && num(r, "k") == 0)
                .toList();
        if (total.size() >= 2) {
            Charts.line(whole, "Θ₃(u), all critical points", FigureData.column(total, "u"), FigureData.column(total, "theta"),
                    Charts.color(7));
        }
        if (minima.size() >= 2) {
            Charts.dash(Charts.line(whole, "Θ₀,₃(u), minima", FigureData.column(minima, "u"),
                    FigureData.column(minima, "theta"), Charts.color(0)), 1);
        }
        if (whole.getSeriesMap().isEmpty()) {
            throw new IllegalStateException("no Θ curve for p = 3");
        }
        double yLow = Math.min(0, whole.getSeriesMap().values().stream().mapToDouble(s -> s.getYMin()).min().orElse(0));
        double yHigh = whole.getSeriesMap().values().stream().mapToDouble(s -> s.getYMax()).max().orElse(0);
        Charts.vertical(whole, String.format("−E∞ = %.4f", eInf), eInf, yLow, yHigh, Color.GRAY);
        Charts.roundTicks(whole);
        return new Figure(List.of(whole, zoomed(rows, eInf)), 2, Charts.WIDTH, Charts.HEIGHT);
    }

    /** Θₖ,₃ from the band's lower end (or the grid's, if higher) to a little above −E∞, y fitted to that window. */
    private static XYChart zoomed(List<Map<String, Object>> rows, double eInf) {
        double uMin = rows.stream().mapToDouble(r -> num(r, "u")).min().orElse(BAND_LOW);
        double lo = Math.max(BAND_LOW, uMin);
        double hi = eInf + 0.15 * (eInf - lo);
        XYChart c = Charts.xy("Θₖ,₃(u) where the curves differ", "energy density u = H/N", "complexity");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        c.getStyler().setYAxisDecimalPattern("0.0##");
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Double, List<Map<String, Object>>> e : FigureData.group(
                rows.stream().filter(r -> "index".equals(str(r, "curve"))).toList(), r -> num(r, "k")).entrySet()) {
            List<Map<String, Object>> window = e.getValue().stream().filter(r -> num(r, "u") >= lo && num(r, "u") <= hi).toList();
            if (window.size() < 2) {
                continue;
            }
            double[] theta = FigureData.column(window, "theta");
            for (double t : theta) {
                yMin = Math.min(yMin, t);
                yMax = Math.max(yMax, t);
            }
            int k = e.getKey().intValue();
            Charts.line(c, "k = " + k, FigureData.column(window, "u"), theta, Charts.color(k));
        }
        if (yMin > yMax) {
            throw new IllegalStateException("no Θₖ,₃ values with u in [" + lo + ", " + hi + "]");
        }
        Charts.line(c, "zero", new double[] {lo, hi}, new double[] {0, 0}, Color.LIGHT_GRAY).setShowInLegend(false);
        Charts.vertical(c, String.format("−E∞ = %.4f", eInf), eInf, Math.min(yMin, 0), yMax, Color.GRAY);
        c.getStyler().setXAxisMin(lo);
        c.getStyler().setXAxisMax(hi);
        Charts.roundTicks(c);
        return c;
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.theory() == null ? "no theory section" : !spec.theory().p().contains(3) ? "theory.p does not include 3" : null;
    }
}
