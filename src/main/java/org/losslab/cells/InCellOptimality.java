package org.losslab.cells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.losslab.Seeds;

/**
 * In-cell optimality (science.md §D.4, §D.5 item 4, finding F11). One hidden layer: train briefly,
 * take the cell (Π and sign(a)), solve the convex program for R̂_cell*, then run projected descent
 * from ≥ 20 random starts in the cell; every run must end within 1e−6 of R̂_cell* and reproduce the
 * unique optimal predictions f* (rms(f − f*) ≤ √1e−6, the bound implied by strict convexity in f).
 * The same starts are also run with the "reject steps that leave the open cell" rule, reported only.
 * Descent in the cell is the active-set Levenberg–Marquardt of {@link ActiveSetDescent}; "runs_converged"
 * counts runs that ended at a KKT point of the cell (face gradient and negative multipliers below the
 * tolerance). The QP optimum of a trained network's cell is typically on the cell boundary: then the open
 * cell contains no minimum at all, the theorem says nothing about it, and the certificate is vacuous
 * (not passed), its checks reported. {@link InteriorCellCase} constructs a cell whose optimum is interior.
 * The reject rule (plain LM that refuses steps leaving the open cell, {@link Descent}) stalls at a boundary
 * optimum (reported, not checked) and is checked for an interior one.
 * Two hidden layers (control, no guarantee claimed): the constraints are no longer linear, so only the
 * rejecting descent applies; the spread of final in-cell risks is reported, and it mixes genuine
 * differences with stalling at the boundary ("runs_converged" says how many reached an interior
 * stationary point). It has no checks, so it is report-only and never passes.
 */
public final class InCellOptimality {

    public static final double RISK_TOL = 1e-6;

    /** Sizes and budgets; {@link #defaults(long)} is quick-start sized. */
    public record Options(int width, int trainSteps, int starts, int maxIterations, double tolerance, long seed) {
        public Options {
            if (width < 1 || trainSteps < 0 || starts < 2 || maxIterations < 1 || !(tolerance >= 0)) {
                throw new IllegalArgumentException("cells in-cell options: need width ≥ 1, trainSteps ≥ 0, starts ≥ 2,"
                        + " maxIterations ≥ 1, tolerance ≥ 0");
            }
        }

        public static Options defaults(long seed) {
            return new Options(8, 300, 20, 2_000, 1e-9, seed);
        }
    }

    private InCellOptimality() {
    }

    public static CertificateResult oneHiddenLayer(String name, Dataset data, TwoPieceActivation h, Options o) {
        long start = System.nanoTime();
        Network net = new Network(new int[] {data.inputDim(), o.width(), data.outputDim()}, h, Loss.SQUARED);
        SplittableRandom rng = new SplittableRandom(Seeds.derive(o.seed(), "cells/in-cell/1"));
        double[] trained = CellStarts.train(net, data, CellStarts.heInit(net, rng), o.trainSteps());
        return certify(name, "science.md §D.4, §D.5 item 4; F11", data, net, trained, o, "cells/in-cell/1/start", false,
                start);
    }

    /**
     * Certifies the cell of θ (pattern and sign(a)): the convex optimum R̂_cell*, then active-set descent from
     * {@code o.starts()} random points of the open cell, each of which must end within {@value #RISK_TOL} of it with
     * the optimal predictions. If the optimum lies on the cell boundary the open cell holds no minimum, and the
     * result is vacuous: the claim about minima in the cell is not tested by this case. With
     * {@code checkRejectRule}, the descent that refuses to leave the open cell must reach the optimum too (only
     * meaningful, and only asked, for an interior optimum).
     */
    static CertificateResult certify(String name, String reference, Dataset data, Network net, double[] theta, Options o,
                                     String startStream, boolean checkRejectRule, long start) {
        OneHiddenCell cell = OneHiddenCell.of(net, theta, data);
        long qpStart = System.nanoTime();
        InCellProgram qp = InCellProgram.solve(cell);
        long qpMillis = (System.nanoTime() - qpStart) / 1_000_000;

        double maxGap = 0;
        double minGap = Double.POSITIVE_INFINITY;
        double maxPredDev = 0;
        double maxConsistency = 0;
        double[] finals = new double[o.starts()];
        double[] rejectFinals = new double[o.starts()];
        int converged = 0;
        long iterations = 0;
        double maxMapping = 0;
        long projectedNanos = 0;
        long rejectNanos = 0;
        for (int r = 0; r < o.starts(); r++) {
            double[] s = CellStarts.randomStart(net, theta, new SplittableRandom(Seeds.derive(o.seed(), startStream, r)),
                    cell::containsOpen);
            long t0 = System.nanoTime();
            Descent.Result res = ActiveSetDescent.run(cell, s, o.maxIterations(), o.tolerance());
            long t1 = System.nanoTime();
            projectedNanos += t1 - t0;
            finals[r] = res.risk();
            converged += res.converged() ? 1 : 0;
            iterations += res.iterations();
            maxMapping = Math.max(maxMapping, res.gradientMapping());
            maxGap = Math.max(maxGap, Math.abs(res.risk() - qp.risk()));
            minGap = Math.min(minGap, res.risk() - qp.risk());
            maxPredDev = Math.max(maxPredDev, rms(cell.predictions(res.theta()), qp.predictions()));
            maxConsistency = Math.max(maxConsistency, Math.abs(net.risk(res.theta(), data) - res.risk()));
            rejectFinals[r] = Descent.levenbergMarquardt(cell::residuals, s, cell::containsOpen, o.maxIterations(), o.tolerance()).risk();
            rejectNanos += System.nanoTime() - t1;
        }
        double rejectGap = Arrays.stream(rejectFinals).map(v -> Math.abs(v - qp.risk())).max().orElse(0);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("trained_risk", net.risk(theta, data));
        m.put("cell_optimum_risk", qp.risk());
        m.put("qp_millis", (double) qpMillis);
        m.put("projected_runs_millis", projectedNanos / 1e6);
        m.put("reject_runs_millis", rejectNanos / 1e6);
        m.put("qp_constraints", (double) data.size() * cell.units());
        m.put("qp_active_constraints", (double) qp.activeConstraints());
        m.put("qp_min_slack", qp.minSlack());
        m.put("qp_kkt_residual", qp.kktResidual());
        m.put("starts", (double) o.starts());
        m.put("runs_converged", (double) converged);
        m.put("mean_iterations", iterations / (double) o.starts());
        m.put("max_final_gradient_mapping", maxMapping);
        m.put("max_abs_gap_to_cell_optimum", maxGap);
        m.put("min_signed_gap_to_cell_optimum", minGap);
        m.put("final_risk_spread", spread(finals));
        m.put("max_rms_prediction_deviation", maxPredDev);
        m.put("max_network_vs_cell_formula_risk", maxConsistency);
        m.put("reject_rule_final_risk_spread", spread(rejectFinals));
        m.put("reject_rule_max_gap_to_cell_optimum", rejectGap);
        List<Check> checks = new ArrayList<>();
        boolean feasible = !"INFEASIBLE".equals(qp.state());
        checks.add(new Check("qp_solution_feasible", feasible ? 1 : 0, "==", 1, feasible));
        checks.add(Check.atMost("qp_kkt_residual", qp.kktResidual(), InCellProgram.KKT_TOL));
        checks.add(Check.atMost("max_abs_gap_to_cell_optimum", maxGap, RISK_TOL));
        checks.add(Check.atMost("max_rms_prediction_deviation", maxPredDev, Math.sqrt(RISK_TOL)));
        if (checkRejectRule) {
            checks.add(Check.atMost("reject_rule_max_gap_to_cell_optimum", rejectGap, RISK_TOL));
        }
        CertificateResult result = new CertificateResult(name, reference, settings(data, net, o, qp.state()), m, checks,
                (System.nanoTime() - start) / 1_000_000);
        if (qp.activeConstraints() > 0) {
            return result.vacuous(String.format("the in-cell optimum lies on the cell boundary (%d of %d constraints "
                    + "active): the open cell holds no minimum, so the claim about minima in the cell is not tested",
                    qp.activeConstraints(), data.size() * cell.units()));
        }
        return result;
    }

    public static CertificateResult twoHiddenLayerControl(String name, Dataset data, TwoPieceActivation h, Options o) {
        long start = System.nanoTime();
        Network net = new Network(new int[] {data.inputDim(), o.width(), o.width(), data.outputDim()}, h, Loss.SQUARED);
        SplittableRandom rng = new SplittableRandom(Seeds.derive(o.seed(), "cells/in-cell/2"));
        double[] trained = CellStarts.train(net, data, CellStarts.heInit(net, rng), o.trainSteps());
        ActivationPattern cell = net.pattern(trained, data);
        if (!cell.isOpen()) {
            throw new IllegalStateException("trained two-hidden-layer net sits on a kink");
        }
        double[] finals = new double[o.starts()];
        double[][] preds = new double[o.starts()][];
        int converged = 0;
        for (int r = 0; r < o.starts(); r++) {
            double[] s = CellStarts.randomStart(net, trained, new SplittableRandom(Seeds.derive(o.seed(), "cells/in-cell/2/start", r)),
                    t -> net.inOpenCell(t, data, cell));
            Descent.Result res = Descent.levenbergMarquardt(t -> Residuals.of(net, t, data), s,
                    t -> net.inOpenCell(t, data, cell), o.maxIterations(), o.tolerance());
            finals[r] = res.risk();
            converged += res.converged() ? 1 : 0;
            preds[r] = new double[data.size()];
            for (int i = 0; i < data.size(); i++) {
                preds[r][i] = net.predict(res.theta(), data.x()[i])[0];
            }
        }
        double maxPairDev = 0;
        for (int a = 0; a < preds.length; a++) {
            for (int b = a + 1; b < preds.length; b++) {
                maxPairDev = Math.max(maxPairDev, rms(preds[a], preds[b]));
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("trained_risk", net.risk(trained, data));
        m.put("starts", (double) o.starts());
        m.put("runs_converged", (double) converged);
        m.put("min_final_risk", Arrays.stream(finals).min().orElse(Double.NaN));
        m.put("max_final_risk", Arrays.stream(finals).max().orElse(Double.NaN));
        m.put("mean_final_risk", Arrays.stream(finals).average().orElse(Double.NaN));
        m.put("final_risk_spread", spread(finals));
        m.put("max_pairwise_rms_prediction_deviation", maxPairDev);
        return new CertificateResult(name, "science.md §D.5 item 4 (control, no guarantee); F11", settings(data, net, o, "n/a"),
                m, List.of(), (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<String, String> settings(Dataset data, Network net, Options o, String qpState) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("data", data.name());
        s.put("widths", Arrays.toString(net.widths()));
        s.put("activation", net.activation().name());
        s.put("train_steps", Integer.toString(o.trainSteps()));
        s.put("starts", Integer.toString(o.starts()));
        s.put("max_iterations", Integer.toString(o.maxIterations()));
        s.put("tolerance", Double.toString(o.tolerance()));
        s.put("seed", Long.toString(o.seed()));
        s.put("qp_state", qpState);
        return s;
    }

    static double spread(double[] v) {
        return Arrays.stream(v).max().orElse(0) - Arrays.stream(v).min().orElse(0);
    }

    static double rms(double[] a, double[] b) {
        return Vectors.distance(a, b) / Math.sqrt(a.length);
    }
}
