package org.losslab.report;

import java.util.List;

/**
 * What became of one figure section: drawn (with its image files), left out because the spec does not run
 * its stage, or missing/empty/failed with a message saying what is needed. {@code sql} are the exact queries run, {@code viewDefinitions} the
 * definitions of the views they read (from {@code pg_get_viewdef}).
 */
public record SectionOutcome(FigureSection section, Status status, String message, List<String> sql,
                             List<String> viewDefinitions, String pngFile, String svgFile, int rows) {

    public enum Status { DRAWN, MISSING, EMPTY, FAILED, NOT_IN_SPEC }

    /** A figure whose stage the spec does not run: one line in the report, nothing drawn. */
    public static SectionOutcome notInSpec(FigureSection s, String why) {
        return new SectionOutcome(s, Status.NOT_IN_SPEC, "not in this spec: " + why, List.of(), List.of(), null, null, 0);
    }

    public boolean drawn() {
        return status == Status.DRAWN;
    }
}
