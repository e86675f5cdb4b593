package org.losslab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The rows a figure's views returned, by view name, with typed accessors. */
public record FigureData(Map<String, List<Map<String, Object>>> rows) {

    public List<Map<String, Object>> of(String view) {
        return rows.getOrDefault(view, List.of());
    }

    public static double num(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    public static int integer(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    public static String str(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? "" : v.toString();
    }

    /** Rows grouped by a key, in first-seen order (queries are ordered, so groups are too). */
    public static <K> Map<K, List<Map<String, Object>>> group(List<Map<String, Object>> rows,
                                                             Function<Map<String, Object>, K> key) {
        Map<K, List<Map<String, Object>>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    public static double[] column(List<Map<String, Object>> rows, String column) {
        return rows.stream().mapToDouble(r -> num(r, column)).toArray();
    }
}
