package org.losslab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One look for every figure: white background, readable fonts, a fixed colour cycle. */
final class Charts {

    static final int WIDTH = 640;
    static final int HEIGHT = 440;
    static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
            new Color(0x7f7f7f), new Color(0xbcbd22)};

    private Charts() {
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        return xy(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setSeriesColors(COLORS);
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(12);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        return c;
    }

    /** A line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineWidth(2f);
        return s;
    }

    /** A vertical reference line from y0 to y1, dashed, shown in the legend under its name. */
    static XYSeries vertical(XYChart c, String name, double x, double y0, double y1, Color color) {
        XYSeries s = line(c, name, new double[] {x, x}, new double[] {y0, y1}, color);
        s.setLineStyle(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f));
        return s;
    }

    /** Scatter points. */
    static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    /**
     * Log axes for narrow ranges: plot log10 of the values on a linear axis and label each tick with
     * 10^tick to two significant digits (XChart's own log axes label only powers of ten). On the x axis (sizes)
     * only ticks at a size of the data or at 1, 2, 2.5 or 5 × 10^k are labelled, not 32 or 79.
     */
    static void log10Axes(XYChart c, boolean x, boolean y, double... sizes) {
        if (x) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(t -> roundOrData(t, sizes));
        }
        if (y) {
            c.getStyler().setyAxisTickLabelsFormattingFunction(Charts::powerOfTen);
        }
    }

    static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }

    /** The label of tick 10^t if that is a data size or a round number (within 1.5 %), else blank. */
    static String roundOrData(Double t, double[] sizes) {
        double v = Math.pow(10, t);
        for (double size : sizes) {
            if (Math.abs(v / size - 1) < 0.015) {
                return powerOfTen(Math.log10(size));
            }
        }
        double m = v / Math.pow(10, Math.floor(Math.log10(v)));
        for (double round : new double[] {1, 2, 2.5, 5, 10}) {
            if (Math.abs(m / round - 1) < 0.015) {
                return powerOfTen(t);
            }
        }
        return "";
    }

    /** Small marks at y = {@code y} under a density, one per value: where the data are. */
    static void rug(XYChart c, String name, double[] values, double y, Color color) {
        double[] ys = new double[values.length];
        java.util.Arrays.fill(ys, y);
        XYSeries s = c.addSeries(name + " data", values, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.PLUS);
        s.setMarkerColor(color);
        s.setShowInLegend(false);
    }

    static String powerOfTen(Double exponent) {
        double v = Math.pow(10, exponent);
        if (v >= 1e-3 && v < 1e6) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return String.format("%.1e", v);
    }

    static Color color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    /** Dash patterns that tell apart curves of one colour (e.g. several training runs of one state). */
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {4f, 4f}};

    /** Solid for i = 0, then dashed, dotted, dash-dotted … */
    static void dash(XYSeries s, int i) {
        float[] d = DASHES[Math.floorMod(i, DASHES.length)];
        s.setLineStyle(d == null ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, d, 0f));
    }

    /**
     * Interval bars from low to high at each x, with caps {@code cap} wide on each side (in x units), in the
     * points' colour and out of the legend. NaN bounds draw no bar.
     */
    static void errorBars(XYChart c, String name, double[] x, double[] low, double[] high, double cap, Color color) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(low[i]) || !Double.isFinite(high[i])) {
                continue;
            }
            line(c, name + " bar " + i, new double[] {x[i], x[i]}, new double[] {low[i], high[i]}, color)
                    .setShowInLegend(false);
            for (double y : new double[] {low[i], high[i]}) {
                XYSeries capLine = line(c, name + " cap " + i + " " + y, new double[] {x[i] - cap, x[i] + cap},
                        new double[] {y, y}, color);
                capLine.setShowInLegend(false);
            }
        }
    }

    /** Shrinks the title font until the title fits the panel width (XChart cuts long titles off). */
    static void fitTitle(XYChart c, int panelWidth) {
        Styler s = c.getStyler();
        java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
                .createGraphics();
        try {
            Font f = s.getChartTitleFont();
            // XChart centres the title on the plot area, right of the y axis: leave room for the axis on both sides
            while (f.getSize2D() > 9 && g.getFontMetrics(f).stringWidth(c.getTitle()) > panelWidth - 110) {
                f = f.deriveFont(f.getSize2D() - 0.5f);
            }
            s.setChartTitleFont(f);
        } finally {
            g.dispose();
        }
    }

    /**
     * Ticks at round values on the x axis. XChart puts x ticks on the data's own x values when they are equally
     * spaced (a KDE grid from 0.437 to 0.912 gives ticks at 0.437, 0.5 …); one invisible point at an irrational
     * position inside the data's range breaks the spacing, and XChart falls back to round steps. Call after the
     * series are added.
     */
    static void roundTicks(XYChart c) {
        double lo = c.getSeriesMap().values().stream().mapToDouble(s -> s.getXMin()).min().orElse(0);
        double hi = c.getSeriesMap().values().stream().mapToDouble(s -> s.getXMax()).max().orElse(1);
        double y = c.getSeriesMap().values().stream().mapToDouble(s -> s.getYMin()).min().orElse(0);
        XYSeries h = c.addSeries("\u200b", new double[] {lo + (hi - lo) / Math.PI}, new double[] {y});
        h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        h.setMarker(SeriesMarkers.NONE);
        h.setShowInLegend(false);
    }

    /** The smallest 1, 2, 2.5 or 5 × 10^k at or above v (v > 0): an axis end at a round value. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
