package org.losslab.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A query result as text for {@code losslab sql}: an aligned table like psql's (numbers right-aligned,
 * NULL empty, a row count) or RFC 4180 CSV with a header, for people without a matching psql.
 */
record ResultTable(List<String> columns, List<Boolean> numeric, List<List<String>> rows) {

    static ResultTable read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
            numeric.add(isNumeric(md.getColumnType(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return new ResultTable(columns, numeric, rows);
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.DOUBLE, Types.FLOAT, Types.REAL,
                 Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }

    void printAligned(PrintStream out) {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], text(row.get(c)).length());
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            header.append(c == 0 ? " " : " | ").append(center(columns.get(c), width[c]));
            rule.append(c == 0 ? "-" : "-+-").append("-".repeat(width[c]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule.append('-'));
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                String v = text(row.get(c));
                String pad = " ".repeat(width[c] - v.length());
                line.append(c == 0 ? " " : " | ").append(numeric.get(c) ? pad + v : v + pad);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    void printCsv(PrintStream out) {
        out.println(csvLine(columns));
        for (List<String> row : rows) {
            out.println(csvLine(row));
        }
    }

    private static String csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (v != null && (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r"))) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else if (v != null) {
                line.append(v);
            }
        }
        return line.toString();
    }

    private static String text(String v) {
        return v == null ? "" : v.replace("\n", "\\n");
    }

    private static String center(String s, int width) {
        int left = (width - s.length()) / 2;
        return " ".repeat(left) + s + " ".repeat(width - s.length() - left);
    }
}
