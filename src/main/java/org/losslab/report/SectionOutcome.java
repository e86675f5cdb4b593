package org.losslab.report;

import java.util.List;

/**
 * What became of one figure section: drawn (with its image files), or missing/empty/failed with a
 * message saying what is needed. {@code sql} are the exact queries run, {@code viewDefinitions} the
 * definitions of the views they read (from {@code pg_get_viewdef}).
 */
public record SectionOutcome(FigureSection section, Status status, String message, List<String> sql,
                             List<String> viewDefinitions, String pngFile, String svgFile, int rows) {

    public enum Status { DRAWN, MISSING, EMPTY, FAILED }

    public boolean drawn() {
        return status == Status.DRAWN;
    }
}
