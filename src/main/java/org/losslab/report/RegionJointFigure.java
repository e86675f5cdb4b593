package org.losslab.report;

import static org.losslab.report.FigureData.str;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.losslab.spec.JobSpec;
import org.losslab.spec.RegionsSpec;

/**
 * Joint distribution of (R_2, R_3) for HardTanh (finding F7; science.md §C.4): the fractions of the middle
 * (linear) and upper (saturated +1) pieces, one point per unit (data averaging) or datum (neuron averaging).
 * With three pieces R_1 = 1 − R_2 − R_3, so every point lies in the triangle below the diagonal.
 */
final class RegionJointFigure implements FigureSection {

    static final String VIEW = "v_region_joint";

    @Override
    public String id() {
        return "region-joint-hardtanh";
    }

    @Override
    public String title() {
        return "Joint (R_2, R_3) for HardTanh";
    }

    @Override
    public String findings() {
        return "F7";
    }

    @Override
    public String caption() {
        return "One point per unit (data averaging) or per datum (neuron averaging), HardTanh networks, hidden "
                + "layers pooled. R_2 is the linear middle piece, R_3 the +1 saturation; R_1 = 1 - R_2 - R_3.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("architecture", "activation", "network_state", "input_set", "averaging",
                        "layer", "r2", "r3"), "architecture, averaging, input_set, network_state",
                "the region-statistics stage").where("lower(activation) = 'hardtanh' AND layer = 'pooled'"));
    }

    @Override
    public Figure render(FigureData data) {
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> p : FigureData.group(data.of(VIEW), r -> str(r, "architecture")
                + ": " + str(r, "averaging").toLowerCase() + " averaging, " + str(r, "input_set") + " inputs").entrySet()) {
            XYChart c = Charts.xy(p.getKey(), "R_2 (linear piece)", "R_3 (saturated at +1)", 520, 420);
            c.getStyler().setXAxisMin(0.0);
            c.getStyler().setXAxisMax(1.0);
            c.getStyler().setXAxisDecimalPattern("0.0#");
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(1.0);
            c.getStyler().setMarkerSize(4);
            int i = 0;
            for (Map.Entry<String, List<Map<String, Object>>> s
                    : FigureData.group(p.getValue(), r -> str(r, "network_state")).entrySet()) {
                Color base = Charts.color(i++);
                Charts.points(c, s.getKey() + " weights", FigureData.column(s.getValue(), "r2"),
                        FigureData.column(s.getValue(), "r3"), new Color(base.getRed(), base.getGreen(), base.getBlue(), 110));
            }
            Charts.line(c, "R_1 = 0", new double[] {0, 1}, new double[] {1, 0}, Color.LIGHT_GRAY);
            panels.add(c);
        }
        return new Figure(panels, Math.min(2, panels.size()), 520, 420);
    }

    @Override
    public String notInSpec(JobSpec spec) {
        return spec.regions() == null ? "no regions section" : !spec.regions().activations().contains("hardtanh")
                || spec.regions().architectures().stream().allMatch(RegionsSpec.CHOROMANSKA::equals)
                ? "no HardTanh network in regions (regions.activations, regions.architectures)" : null;
    }
}
