package org.losslab.serve;

import java.util.Map;
import org.losslab.report.ReportParts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The two pages (Thymeleaf templates under templates/serve): the executions, and one execution, live
 * while it runs (its script polls {@link DataController}) and with the report's verdicts and figures
 * once it has finished.
 */
@Controller
class PagesController {

    private final ExecutionQueries executions;
    private final LiveProgress progress;
    private final ReportCache reports;

    PagesController(ExecutionQueries executions, LiveProgress progress, ReportCache reports) {
        this.executions = executions;
        this.progress = progress;
        this.reports = reports;
    }

    @GetMapping("/")
    String executions(Model model) {
        model.addAttribute("style", ReportParts.style());
        model.addAttribute("executions", executions.recent(100));
        return "serve/executions";
    }

    @GetMapping("/executions/{id}")
    String execution(@PathVariable long id, Model model) {
        Map<String, Object> state = progress.of(id);
        if (state == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no job execution " + id + " in this database");
        }
        model.addAttribute("style", ReportParts.style());
        model.addAttribute("e", state);
        boolean finished = !(Boolean) state.get("running");
        model.addAttribute("verdicts", finished ? reports.verdicts(id) : "");
        model.addAttribute("figures", finished ? reports.figures(id) : java.util.List.of());
        return "serve/execution";
    }
}
