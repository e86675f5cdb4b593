package org.losslab.report;

import static org.losslab.report.FigureData.integer;
import static org.losslab.report.FigureData.num;
import static org.losslab.report.FigureData.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.losslab.spec.JobSpec;

/**
 * The activation cells a fixed training subset visits while a region network, or a sampled run of the training
 * stage ({@code training.cells_visited}), trains (finding F12; science.md §C.4.1): per network and hidden layer, the distinct patterns visited so far and the rows whose pattern changed
 * since the previous epoch, against epoch; and the dead / always-on unit fractions that tie the census to F7.
 * Descriptive: no verdict.
 */
final class CellsVisitedFigure implements FigureSection {

    static final String VIEW = "v_cells_visited";

    @Override
    public String id() {
        return "cells-visited";
    }

    @Override
    public String title() {
        return "Cells visited during training";
    }

    @Override
    public String findings() {
        return "F12";
    }

    @Override
    public String caption() {
        return "The activation cells (patterns of pieces of a layer's units) of a fixed subset of training images, "
                + "from the random initialisation (epoch 0) through every training epoch, one line per network and "
                + "hidden layer: region networks, and the sampled runs of the training stage (labelled by run key, "
                + "without the experiment prefix). Left: distinct patterns visited so far (cumulative) as a multiple of the subset "
                + "size — when every image has its own cell, the growth comes from images changing cell. Middle: "
                + "the fraction of images whose pattern changed since the previous epoch. Right: dead (dashed) and "
                + "always-on (solid) unit fractions, the per-unit side of F7's departure from the i.i.d.-region "
                + "null. Descriptive only: no verdict.";
    }

    @Override
    public List<ViewQuery> queries() {
        return List.of(ViewQuery.of(VIEW, List.of("source", "network", "layer_no", "layer", "epoch", "subset_rows",
                "patterns", "cumulative_patterns", "rows_changed", "dead_fraction", "always_on_fraction"),
                "source, network, layer_no, epoch", "region-networks (trained networks, regions.visited_count > 0) and "
                        + "train (training.cells_visited)"));
    }

    @Override
    public Figure render(FigureData data) {
        XYChart visited = Charts.xy("Patterns visited so far", "epoch", "cumulative patterns / subset rows");
        XYChart changed = Charts.xy("Rows that changed cell", "epoch", "fraction of subset rows");
        XYChart units = Charts.xy("Dead and always-on units", "epoch", "fraction of the layer's units");
        int i = 0;
        for (Map.Entry<String, List<Map<String, Object>>> e : FigureData.group(data.of(VIEW),
                r -> label(r) + " " + str(r, "layer")).entrySet()) {
            List<Map<String, Object>> rows = e.getValue();
            double[] epoch = FigureData.column(rows, "epoch");
            double rowsTotal = integer(rows.get(0), "subset_rows");
            double[] cumulative = rows.stream().mapToDouble(r -> num(r, "cumulative_patterns") / rowsTotal).toArray();
            marked(Charts.line(visited, e.getKey(), epoch, cumulative, Charts.color(i)), i);
            List<double[]> later = rows.stream().filter(r -> r.get("rows_changed") != null)
                    .map(r -> new double[] {integer(r, "epoch"), num(r, "rows_changed") / rowsTotal}).toList();
            if (!later.isEmpty()) {
                marked(Charts.line(changed, e.getKey(), later.stream().mapToDouble(p -> p[0]).toArray(),
                        later.stream().mapToDouble(p -> p[1]).toArray(), Charts.color(i)), i);
            }
            Charts.dash(marked(Charts.line(units, e.getKey() + " dead", epoch, FigureData.column(rows, "dead_fraction"),
                    Charts.color(i)), i), 1);
            marked(Charts.line(units, e.getKey() + " always on", epoch, FigureData.column(rows, "always_on_fraction"),
                    Charts.color(i)), i);
            i++;
        }
        for (XYChart c : List.of(visited, changed, units)) {
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            c.getStyler().setXAxisDecimalPattern("0");
        }
        units.getStyler().setYAxisMin(0.0);
        return new Figure(new ArrayList<>(List.of(visited, changed, units)), 3, Charts.WIDTH, Charts.HEIGHT + 120);
    }

    /** A region network's key, or a training run's key without its experiment prefix. */
    static String label(Map<String, Object> row) {
        String network = str(row, "network");
        return "training".equals(str(row, "source")) ? network.substring(network.indexOf('/') + 1) : network;
    }

    private static XYSeries marked(XYSeries s, int i) {
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Charts.color(i));
        return s;
    }

    @Override
    public String notInSpec(JobSpec spec) {
        boolean training = spec.training() != null && spec.training().visitedRuns() > 0;
        boolean regions = spec.regions() != null && spec.regions().visitedCount() > 0
                && spec.regions().states().contains("trained");
        return training || regions ? null
                : "neither training.cells_visited nor regions.visited_count with trained region networks";
    }
}
