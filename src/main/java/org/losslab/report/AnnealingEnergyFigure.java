package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.losslab.spec.JobSpec;
import org.losslab.spec.SpinGlassSpec;
import org.losslab.theory.SpinGlassComplexity;

/**
 * Annealing against descent on the same couplings (finding F6; science.md §A.5.3): per size N, the densities of the
 * converged final energies u = H/N of the descent and of annealing after its polish, and, dashed, where the annealing
 * chains ended before the polish, with −E∞ marked. Outcomes that did not converge are counted, not drawn.
 */
final class AnnealingEnergyFigure implements FigureSection {

    static final String VIEW = "v_spinglass";

    @Override
    public String id() {
        return "annealing-energy";
    }

    @Override
    public String title() {
        return "Annealing against descent";
    }

    @Override
    public String findings() {
        return "F6";
    }

    @Override
    public String caption() {
        return "Final energy density u = H/N on the spherical 3-spin glass, one panel per size N: kernel densities of "
                + "the converged descents and of the converged annealing runs after their gradient polish (each outcome "
                + "marked + at 0), and, dashed, the energies where the annealing chains ended at T = 0 before the "
                + "polish (another colour). Both methods use the same coupling tensor. F6 expects annealing to end in the band of "
                + "descent; the verdict is the equivalence test of the difference of means against the spec's margin.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("n", "restart", "method", "final_energy", "converged", "annealed_energy"),
                "n, method, restart", "the spin-glass stage with method annealing"));
    }

    @Override
    public Figure render(FigureData data) {
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<Integer, List<Map<String, Object>>> n : FigureData.group(data.of(VIEW), r -> integer(r, "n")).entrySet()) {
            XYChart c = Charts.xy(title() + ", N = " + n.getKey(), "final energy density u = H/N", "density");
            double top = 0;
            int i = 0;
            for (Map.Entry<String, List<Map<String, Object>>> m : FigureData.group(n.getValue(), r -> str(r, "method")).entrySet()) {
                List<Map<String, Object>> ok = m.getValue().stream().filter(r -> Boolean.TRUE.equals(r.get("converged"))).toList();
                int left = m.getValue().size() - ok.size();
                String name = m.getKey() + " (" + ok.size() + " converged" + (left == 0 ? ")" : "; " + left + " not, left out)");
                top = Math.max(top, density(c, name, FigureData.column(ok, "final_energy"), i, 0));
                if (SpinGlassSpec.ANNEALING.equals(m.getKey())) {
                    double[] chains = FigureData.column(m.getValue(), "annealed_energy");
                    top = Math.max(top, density(c, "annealing chains before the polish (" + chains.length + ")", chains,
                            i + 2, 1));
                }
                i++;
            }
            top = top > 0 ? top : 1;
            double eInf = SpinGlassComplexity.eInf(3);
            Charts.vertical(c, String.format("−E∞ = %.4f", -eInf), -eInf, 0, top, java.awt.Color.GRAY);
            Charts.roundTicks(c);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            panels.add(c);
        }
        return new Figure(panels, Math.min(2, panels.size()), Charts.WIDTH, Charts.HEIGHT + 60);
    }

    /** Draws the density of {@code u} (points if it has no spread); returns its height. */
    private static double density(XYChart c, String name, double[] u, int color, int dash) {
        if (u.length == 0) {
            return 0;
        }
        Kde kde = Kde.of(u, 240);
        if (kde == null) {
            Charts.points(c, name + ", no spread", u, new double[u.length], Charts.color(color));
            return 0;
        }
        XYSeries s = Charts.line(c, name, kde.x(), kde.density(), Charts.color(color));
        Charts.dash(s, dash);
        if (dash == 0) {
            Charts.rug(c, name, u, 0, Charts.color(color));
        }
        return kde.maxDensity();
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.spinglass() == null ? "no spinglass section"
                : spec.spinglass().anneals() ? null : "the spinglass section does not anneal";
    }
}
