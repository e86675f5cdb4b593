package org.losslab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for the theory and spin-glass stages' tables (V4), and stand-in tables for the region views the
 * report expects but no stage writes yet (docs/report.md). Θ uses the closed form of
 * science.md §B.4; the other values are synthetic but shaped like real ones (e.g. spin-glass sd
 * shrinking with N).
 */
final class TheoryFixtures {

    static final double E0_P3 = 1.6569983635; // science.md §B.7

    private TheoryFixtures() {
    }

    static void create(JdbcTemplate jdbc, long experimentId, long executionId, long stepId) {
        jdbc.update("INSERT INTO theory_threshold VALUES (?, 3, -1, ?, ?), (?, 3, 0, ?, ?), (?, 3, 1, 1.652873, ?)",
                experimentId, 2 * Math.sqrt(2.0 / 3), executionId, experimentId, E0_P3, executionId, experimentId, executionId);
        List<Object[]> theta = new ArrayList<>();
        for (int k = 0; k <= 5; k++) {
            for (int i = 0; i <= 400; i++) {
                double u = -2.0 + 2.0 * i / 400;
                theta.add(new Object[] {experimentId, 3, k, u, theta(k, u), executionId});
            }
            for (int i = 1; i < 200; i++) {
                double u = -1.665 + 0.04 * i / 200;
                theta.add(new Object[] {experimentId, 3, k, u, theta(k, u), executionId});
            }
        }
        for (int i = 0; i <= 400; i++) {
            double u = -2.0 + 2.0 * i / 400;
            theta.add(new Object[] {experimentId, 3, -1, u, total(u), executionId});   // k = -1: the total Θ_3
        }
        jdbc.batchUpdate("INSERT INTO complexity_curve VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", theta);
        Random rnd = new Random(1);
        List<Object[]> sg = new ArrayList<>();
        for (int n : new int[] {25, 50, 100}) {
            for (int r = 0; r < 60; r++) {
                boolean converged = r < 55;   // the last 5 stopped at the step cap: not converged, no index
                sg.add(new Object[] {experimentId, n, r, "gd", -1.60 + 0.3 / Math.sqrt(n) * rnd.nextGaussian(),
                        converged ? 1e-3 : 3.9, converged, converged ? 0 : null, 2000, stepId});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO spinglass_result (experiment_id, n, restart, method, final_energy, grad_norm, converged, idx,
                    steps, step_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", sg);
        enumeration(jdbc, experimentId, executionId, stepId, rnd);
        // stand-ins for the region views: the fixtures draw the figures without running the regions stage
        jdbc.execute("DROP VIEW IF EXISTS v_region_kde CASCADE");
        jdbc.execute("DROP VIEW IF EXISTS v_region_joint CASCADE");
        jdbc.execute("CREATE TABLE v_region_kde (architecture TEXT, activation TEXT, network_state TEXT, input_set TEXT, "
                + "averaging TEXT, layer TEXT, piece INT, x DOUBLE PRECISION, density DOUBLE PRECISION, run_key TEXT)");
        jdbc.execute("CREATE TABLE v_region_joint (architecture TEXT, activation TEXT, network_state TEXT, input_set TEXT, "
                + "averaging TEXT, layer TEXT, r2 DOUBLE PRECISION, r3 DOUBLE PRECISION)");
        List<Object[]> kde = new ArrayList<>();
        List<Object[]> joint = new ArrayList<>();
        for (String averaging : new String[] {"DATA", "NEURON"}) {
            for (String inputs : new String[] {"mnist", "gaussian"}) {
                for (String state : new String[] {"random", "trained"}) {
                    double sd = state.equals("random") && inputs.equals("gaussian") ? 0.03 : 0.15;
                    for (int i = 0; i <= 100; i++) {
                        double x = i / 100.0;
                        double z = (x - 0.5) / sd;
                        kde.add(new Object[] {"mlp", "relu", state, inputs, averaging, "pooled", 2, x,
                                Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI)), "fx/regions/mlp-784-32-10/relu/"
                                + state});
                        for (int r = 0; r < 2; r++) { // two training runs per state (choromanska)
                            double zr = (x - 0.45 - 0.1 * r) / sd;
                            kde.add(new Object[] {"choromanska", "relu", state, inputs, averaging, "pooled", 2, x,
                                    Math.exp(-0.5 * zr * zr) / (sd * Math.sqrt(2 * Math.PI)),
                                    "fx/regions/choromanska/mlp-100-25-10/relu/restart-" + r + "/" + state});
                        }
                    }
                    for (int j = 0; j < 150; j++) {
                        double r2 = Math.min(1, Math.max(0, 0.6 + sd * rnd.nextGaussian()));
                        double r3 = (1 - r2) * rnd.nextDouble();
                        joint.add(new Object[] {"mlp", "hardtanh", state, inputs, averaging, "pooled", r2, r3});
                    }
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO v_region_kde VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kde);
        jdbc.batchUpdate("INSERT INTO v_region_joint VALUES (?, ?, ?, ?, ?, ?, ?, ?)", joint);
        cellsVisited(jdbc);
        List<Object[]> kr = new ArrayList<>();
        double limit = 0.5 * Math.log(2) - 1.0 / 3;
        for (double t : new double[] {0.0, 0.5, 2.0}) {
            for (int n : new int[] {4, 8, 16, 32, 64}) {
                for (int k = 0; k <= 2; k++) {
                    double mean = Math.exp(n * limit + Math.log(2 + t) + k * 0.3);
                    kr.add(new Object[] {experimentId, 3, n, t, k, mean, mean * 0.01, Math.log(mean), 100000L, 1L, executionId});
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO kac_rice VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kr);
    }

    /** Θ_3(u), the total complexity, science.md §B.4. */
    static double total(double u) {
        double eInf = 2 * Math.sqrt(2.0 / 3);
        return u <= -eInf ? theta(0, u) : u <= 0 ? 0.5 * Math.log(2) - u * u / 8 : 0.5 * Math.log(2);
    }

    /** Θ_{k,3}(u), science.md §B.4. */
    static double theta(int k, double u) {
        double eInf = 2 * Math.sqrt(2.0 / 3);
        if (u >= -eInf) {
            return 0.5 * Math.log(2) - 1.0 / 3;
        }
        double root = Math.sqrt(u * u - eInf * eInf);
        double i1 = -(u / (eInf * eInf)) * root - Math.log(-u + root) + Math.log(eInf);
        return 0.5 * Math.log(2) - u * u / 8 - (k + 1) * i1;
    }

    /** Enumeration rows (V35): 12 disorder samples at N = 4, index k holding 3 + 2·min(k, 3 − k) ± 1 points. */
    /** A stand-in for v_cells_visited: two networks of two layers (a region network, a training run), 200 rows, epochs 0-3. */
    static void cellsVisited(JdbcTemplate jdbc) {
        jdbc.execute("DROP VIEW IF EXISTS v_cells_visited CASCADE");
        jdbc.execute("CREATE TABLE v_cells_visited (source TEXT, network TEXT, layer_no INT, layer TEXT, epoch INT, subset_rows INT, "
                + "patterns INT, cumulative_patterns BIGINT, rows_changed INT, dead_fraction DOUBLE PRECISION, "
                + "always_on_fraction DOUBLE PRECISION)");
        List<Object[]> rows = new ArrayList<>();
        for (String network : new String[] {"fx/mlp-16-16/relu/trained", "fx/mlp-100-25-10/relu/restart-0"}) {
            String source = network.endsWith("trained") ? "regions" : "training";
            for (int layer = 0; layer < 2; layer++) {
                long cumulative = 0;
                for (int epoch = 0; epoch <= 3; epoch++) {
                    Integer changed = epoch == 0 ? null : 200 / (epoch + 1);
                    cumulative += epoch == 0 ? 180 : changed;
                    rows.add(new Object[] {source, network, layer, "dense" + layer, epoch, 200, 180 - 10 * layer, cumulative,
                            changed, 0.05 * epoch, 0.02 * epoch * layer});
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO v_cells_visited VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    static void enumeration(JdbcTemplate jdbc, long experimentId, long executionId, long stepId, Random rnd) {
        for (int sample = 0; sample < 12; sample++) {
            List<Object[]> points = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                int count = 3 + 2 * Math.min(k, 3 - k) + rnd.nextInt(3) - 1;
                for (int j = 0; j < count; j++) {
                    double u = -0.9 + 0.6 * k + 0.1 * rnd.nextGaussian();
                    points.add(new Object[] {experimentId, 4, sample, points.size(), 4 * u, u, k, 1e-12, 0.5});
                }
            }
            jdbc.update("INSERT INTO enumeration_sample VALUES (?, 3, 4, ?, 200, true, 200, 50, ?, ?)", experimentId,
                    sample, points.size(), stepId);
            jdbc.batchUpdate("INSERT INTO enumeration_point VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", points);
        }
        for (int k = 0; k < 4; k++) {
            jdbc.update("INSERT INTO enumeration_kac_rice VALUES (?, 3, 4, ?, ?, 0.01, ?, ?, 0.001, 20000, 1, ?)",
                    experimentId, k, 3.58 + 2.2 * Math.min(k, 3 - k), -2 * Math.sqrt(2.0 / 3), k == 0 ? 0.13 : 0.0,
                    executionId);
        }
    }
}
