package org.losslab.report;

import java.util.List;

/**
 * Every figure of the report, in reading order (docs/report.md). A new figure is one
 * {@link FigureSection} added here.
 */
public final class FigureRegistry {

    private FigureRegistry() {
    }

    public static List<FigureSection> all() {
        return List.of(
                new TestLossDistributionFigure(),
                new VarianceVsSizeFigure(),
                new TrainTestScatterFigure(),
                new CorrelationVsSizeFigure(),
                new SpinGlassEnergyFigure(),
                new AnnealingEnergyFigure(),
                new NetworkIndexFigure(),
                new NetworkSpectrumFigure(),
                new ComplexityFigure(),
                new Lambda1000Figure(),
                new RegionR2Figure(),
                new RegionJointFigure(),
                new CellsVisitedFigure(),
                new KacRiceFigure(),
                new EnumerationFigure());
    }
}
