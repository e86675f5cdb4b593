package org.losslab.report;

import static org.losslab.report.FigureData.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.losslab.spec.JobSpec;

/**
 * Densities of the region-2 occupancy R_2 as in Baskerville et al. Figs. 1–4 (finding F7; science.md
 * §C.4): one panel per architecture, activation, averaging (data: one value per unit; neuron: one per
 * datum) and input set (MNIST or Gaussian), random against trained weights, all hidden layers pooled.
 * Architecture {@code choromanska} has several networks per state (training runs): one panel per layer
 * sizes, one curve per run in its state's colour with its own dash pattern and legend entry. Titles are shrunk
 * to fit the panel, the y axis ends at a round value, ticks sit at round values.
 */
final class RegionR2Figure implements FigureSection {

    static final String VIEW = "v_region_kde";

    @Override
    public String id() {
        return "region-r2";
    }

    @Override
    public String title() {
        return "R_2 distributions";
    }

    @Override
    public String findings() {
        return "F7";
    }

    @Override
    public String caption() {
        return "Kernel densities of R_2 (the fraction in piece 2: for ReLU the active piece), pooled over hidden "
                + "layers, by averaging (data: one value per unit; neuron: one value per datum) and input set; "
                + "random against trained weights. F7 expects random weights with Gaussian inputs to be "
                + "concentrated, trained weights and MNIST inputs broad or multimodal.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("architecture", "activation", "network_state", "input_set", "averaging",
                        "layer", "piece", "run_key", "x", "density"),
                "architecture, activation, averaging, input_set, network_state, run_key, x", "the region-statistics stage")
                .where("piece = 2 AND layer = 'pooled'"));
    }

    static final int PANEL_WIDTH = 560;
    static final int PANEL_HEIGHT = 400;

    @Override
    public Figure render(FigureData data) {
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> p : FigureData.group(data.of(VIEW), r -> str(r, "architecture")
                + run(r, 1) + " " + str(r, "activation") + " · " + str(r, "averaging").toLowerCase() + " avg. · "
                + str(r, "input_set") + " inputs").entrySet()) {
            XYChart c = Charts.xy(p.getKey(), "R₂", "density", PANEL_WIDTH, PANEL_HEIGHT);
            Charts.fitTitle(c, PANEL_WIDTH);
            c.getStyler().setXAxisMin(0.0);
            c.getStyler().setXAxisMax(1.0);
            c.getStyler().setXAxisDecimalPattern("0.0#");
            Map<String, Integer> colorOfState = new java.util.LinkedHashMap<>();
            Map<String, Integer> runsOfState = new java.util.HashMap<>();
            double top = 0;
            for (Map.Entry<String, List<Map<String, Object>>> s
                    : FigureData.group(p.getValue(), r -> str(r, "network_state") + run(r, 2)).entrySet()) {
                String state = str(s.getValue().get(0), "network_state");
                int color = colorOfState.computeIfAbsent(state, k -> colorOfState.size());
                int runIndex = runsOfState.merge(state, 1, Integer::sum) - 1;
                double[] density = FigureData.column(s.getValue(), "density");
                // several training runs per state (choromanska): one colour per state, one dash pattern per run
                XYSeries line = Charts.line(c, state + " weights" + run(s.getValue().get(0), 2),
                        FigureData.column(s.getValue(), "x"), density, Charts.color(color));
                Charts.dash(line, runIndex);
                for (double d : density) {
                    top = Double.isFinite(d) ? Math.max(top, d) : top;
                }
            }
            // the whole curve in view, up to a round value: densities that pile up at 0 or 1 are the tallest
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(top > 0 ? Charts.niceCeiling(top * 1.05) : 1.0);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            Charts.roundTicks(c);
            panels.add(c);
        }
        return new Figure(panels, Math.min(2, panels.size()), PANEL_WIDTH, PANEL_HEIGHT);
    }

    private static final java.util.regex.Pattern RUN = java.util.regex.Pattern.compile(
            ".*/regions/choromanska/mlp-([0-9-]+)/[^/]+/(restart-[0-9]+)/[^/]+");

    /** Group 1 (layer sizes) or 2 (restart) of a training run's network, as " <text>"; "" otherwise. */
    static String run(Map<String, Object> r, int group) {
        java.util.regex.Matcher m = RUN.matcher(str(r, "run_key"));
        return m.matches() ? " " + m.group(group) : "";
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.regions() == null ? "no regions section" : null;
    }
}
