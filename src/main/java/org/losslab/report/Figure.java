package org.losslab.report;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A drawn figure: one or more XChart panels laid out left to right, top to bottom, in {@code columns}
 * columns. Every panel has the same size.
 */
public record Figure(List<? extends Chart<?, ?>> panels, int columns, int panelWidth, int panelHeight) {

    public static Figure single(Chart<?, ?> chart) {
        return new Figure(List.of(chart), 1, chart.getWidth(), chart.getHeight());
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    public int width() {
        return Math.min(columns, panels.size()) * panelWidth;
    }

    public int height() {
        return rows() * panelHeight;
    }
}
