package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;
import static org.losslab.report.FigureData.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;
import org.losslab.theory.SpinGlassComplexity;

/**
 * Final energy densities u = H/N of the converged spherical 3-spin descents, one density per N, with −E_0 and
 * −E_∞ marked (finding F1; science.md §A.5.1, §B.7); descents stopped at the step cap are counted, not drawn.
 * One panel per descent method.
 */
final class SpinGlassEnergyFigure implements FigureSection {

    static final String VIEW = "v_spinglass";
    static final String THRESHOLDS = "v_theory_thresholds";

    @Override
    public String id() {
        return "spinglass-energy";
    }

    @Override
    public String title() {
        return "Spin-glass final energies per N";
    }

    @Override
    public String findings() {
        return "F1";
    }

    @Override
    public String caption() {
        return "Final energy density u = H/N of every converged descent on the spherical 3-spin glass, one kernel "
                + "density per size N over the range of its values (each descent marked + at 0), with the band edges "
                + "−E₀ (ground state) and −E∞ "
                + "marked. Descents stopped at the step cap with the gradient norm above the tolerance are not critical "
                + "points: they are left out and counted in the legend. F1 expects the distributions to concentrate as "
                + "N grows, in or just above the band.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("n", "restart", "method", "final_energy", "converged"), "method, n, restart",
                        "the spin-glass stage (theory package)"),
                ViewQuery.of(THRESHOLDS, List.of("p", "k", "e_k"), "k", "the theory stage").where("p = 3 AND k = 0").optional());
    }

    @Override
    public Figure render(FigureData data) {
        List<Map<String, Object>> thresholds = data.of(THRESHOLDS);
        double e0 = thresholds.isEmpty() ? Double.NaN : num(thresholds.get(0), "e_k");
        double eInf = SpinGlassComplexity.eInf(3);
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> m : FigureData.group(data.of(VIEW), r -> str(r, "method")).entrySet()) {
            XYChart c = Charts.xy(title() + " (" + m.getKey() + ")", "final energy density u = H/N", "density");
            List<String> none = new ArrayList<>();
            double top = 0;
            int i = 0;
            for (Map.Entry<Integer, List<Map<String, Object>>> e : FigureData.group(m.getValue(), r -> integer(r, "n")).entrySet()) {
                List<Map<String, Object>> ok = e.getValue().stream().filter(r -> Boolean.TRUE.equals(r.get("converged"))).toList();
                int stopped = e.getValue().size() - ok.size();
                String name = "N = " + e.getKey() + " (" + ok.size() + " converged" + (stopped == 0 ? ")"
                        : "; " + stopped + " stopped at the cap, left out)");
                double[] u = FigureData.column(ok, "final_energy");
                if (u.length == 0) {
                    none.add("N = " + e.getKey());
                    i++;
                    continue;
                }
                Kde kde = Kde.of(u, 240);
                if (kde == null) {
                    Charts.points(c, name + ", no spread", u, new double[u.length], Charts.color(i++));
                } else {
                    Charts.line(c, name, kde.x(), kde.density(), Charts.color(i));
                    Charts.rug(c, name, u, 0, Charts.color(i++));
                    top = Math.max(top, kde.maxDensity());
                }
            }
            Charts.roundTicks(c);
            if (!none.isEmpty()) {
                c.setTitle(c.getTitle() + "; no converged descent at " + String.join(", ", none));
                Charts.fitTitle(c, Charts.WIDTH + 200);
            }
            top = top > 0 ? top : 1;
            if (Double.isFinite(e0)) {
                Charts.vertical(c, String.format("−E₀ = %.4f", -e0), -e0, 0, top, java.awt.Color.BLACK);
            }
            Charts.vertical(c, String.format("−E∞ = %.4f", -eInf), -eInf, 0, top, java.awt.Color.GRAY);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            panels.add(c);
        }
        return new Figure(panels, 1, Charts.WIDTH + 200, Charts.HEIGHT + 60);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.spinglass() == null ? "no spinglass section" : null;
    }
}
