package org.losslab.report;

import java.util.List;
import java.util.Map;

/** Small HTML helpers: escaping and tables from query rows. */
final class Html {

    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o instanceof Double d ? formatDouble(d) : o.toString();
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format("%.6g", d);
    }

    static String table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "<p class=\"none\">(no rows)</p>\n";
        }
        StringBuilder b = new StringBuilder("<table>\n<tr>");
        rows.get(0).keySet().forEach(k -> b.append("<th>").append(esc(k)).append("</th>"));
        b.append("</tr>\n");
        for (Map<String, Object> r : rows) {
            b.append("<tr>");
            r.values().forEach(v -> b.append(v instanceof Number ? "<td class=\"num\">" : "<td>").append(esc(v)).append("</td>"));
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    static final String STYLE = """
            body { font-family: system-ui, sans-serif; max-width: 1400px; margin: 2em auto; padding: 0 1em; color: #222; }
            h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
            table { border-collapse: collapse; margin: .5em 0; font-size: .9em; max-width: 100%; }
            th, td { overflow-wrap: anywhere; } /* wide tables (e.g. provenance) wrap inside the page */
            th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            pre { background: #f7f7f7; padding: .6em; overflow-x: auto; font-size: .85em; max-width: 100%;
                  white-space: pre-wrap; overflow-wrap: anywhere; }
            table { max-width: 100%; } td { overflow-wrap: anywhere; }
            .status { display: inline-block; padding: .1em .6em; border-radius: .3em; color: #fff; background: #777; }
            .COMPLETED { background: #2a7d2a; } .FAILED { background: #b22; } .STOPPED { background: #c80; }
            .STARTED, .STARTING, .STOPPING { background: #27c; }
            .missing { background: #fff4e0; border-left: 4px solid #c80; padding: .5em 1em; }
            .consistent { color: #2a7d2a; font-weight: bold; } .inconsistent { color: #b22; font-weight: bold; }
            .undetermined { color: #777; }
            figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            img, svg { max-width: 100%; }
            table.verdicts, table.cmp { table-layout: fixed; width: 100%; }
            table.verdicts td, table.cmp td { overflow-wrap: anywhere; }
            table.verdicts td:first-child { font-weight: bold; }
            #verdicts { border: 1px solid #ccc; padding: 0 1em .5em; background: #fafafa; }
            details.comparison { margin: .3em 0; } details.comparison > summary { cursor: pointer; }
            .recon { color: #8a5a00; font-style: italic; }
            small { color: #555; }
            figcaption { font-size: .95em; color: #444; max-width: 60em; }
            .none { color: #777; font-style: italic; }
            """;

    /** Marks the page once every image has loaded (the headless-browser test reads these attributes). */
    static final String IMAGE_CHECK = """
            <script>
            window.addEventListener('load', function () {
              var imgs = Array.prototype.slice.call(document.images);
              var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; });
              document.body.setAttribute('data-images-total', String(imgs.length));
              document.body.setAttribute('data-images-loaded', String(ok.length));
              document.body.setAttribute('data-images-broken', imgs.filter(function (i) { return ok.indexOf(i) < 0; })
                .map(function (i) { return i.getAttribute('src'); }).join(' '));
            });
            </script>
            """;
}
