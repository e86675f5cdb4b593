package org.losslab.report;

import java.util.List;

/**
 * What a figure reads from one view: its columns and order. The first query of a section is its data;
 * further ones are optional extras (e.g. thresholds to mark). {@code producer} says which stage writes
 * the view, for the "missing" message.
 */
public record ViewQuery(String view, List<String> columns, String where, String orderBy, boolean required,
                        String producer) {

    public static ViewQuery of(String view, List<String> columns, String orderBy, String producer) {
        return new ViewQuery(view, columns, "", orderBy, true, producer);
    }

    public ViewQuery optional() {
        return new ViewQuery(view, columns, where, orderBy, false, producer);
    }

    /** Only the rows matching this SQL condition, e.g. {@code p = 3}. */
    public ViewQuery where(String condition) {
        return new ViewQuery(view, columns, condition, orderBy, required, producer);
    }

    /** The exact SQL run for an experiment; views without an experiment_id column are global. */
    public String sql(boolean perExperiment, long experimentId) {
        String filter = perExperiment ? "experiment_id = " + experimentId : "";
        if (!where.isBlank()) {
            filter = filter.isEmpty() ? where : filter + " AND " + where;
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + view
                + (filter.isEmpty() ? "" : " WHERE " + filter)
                + (orderBy.isBlank() ? "" : " ORDER BY " + orderBy);
    }

    public String signature() {
        return view + "(" + String.join(", ", columns) + ")";
    }
}
