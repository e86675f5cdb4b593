package org.losslab.report;

import java.util.List;
import org.losslab.spec.JobSpec;

/**
 * One figure of the report as a small registered unit: the views it is drawn from (and nothing else),
 * a renderer, and a caption. A section whose views are absent or empty is reported as missing; one whose
 * stage the spec does not run is left out with one line.
 */
public interface FigureSection {

    /** File-name stem, e.g. {@code test-loss-distribution}. */
    String id();

    String title();

    /** The science.md §E.2 finding(s) the figure shows, e.g. {@code F2}. */
    String findings();

    String caption();

    /** The first query is the figure's data; the others are optional. */
    List<ViewQuery> queries();

    /** Draws the figure from the queries' rows; the primary query has at least one row. */
    Figure render(FigureData data);

    /**
     * Why the spec has no stage that produces this figure (e.g. "no training section"), or null if it has one.
     * Such a figure is left out of the report with one line, not drawn as missing.
     */
    String notInSpec(JobSpec spec);
}
