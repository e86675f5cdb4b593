package org.losslab.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.losslab.bench.TrainingBenchmark.Result;
import org.losslab.hessian.HessianBenchmark;
import org.losslab.hessian.TrainingSet;
import org.losslab.training.PreparedData;

/**
 * Cost of the hessian stage (science.md §A.6) on this machine: exact Hessian-vector products per CPU second of
 * the calling thread, single and in blocks of 4, for one-hidden-layer networks n1 = 25, 100, 500 on the
 * training rows (8,000 of the bundled set; {@code --quick}: 2,000 and fewer products), and the dense Hessian of
 * n1 = 25 (build and eigenvalues). A product's work is linear in the rows, so the lines also give the rate at
 * 60,000 rows (× rows / 60,000). Random U[−1, 1] parameters: the work does not depend on them.
 */
public final class HessianBench {

    static final int[] WIDTHS = {25, 100, 500};
    static final int FULL_ROWS = 60_000;

    private HessianBench() {
    }

    public static List<Result> run(boolean quick, PrintStream out, Path mnistDir) {
        int rows = quick ? 2000 : Workload.SWEEP_TRAIN;
        int products = quick ? 8 : 40;
        PreparedData data = Workload.data(mnistDir == null ? Workload.locateData() : mnistDir, rows, 1);
        BenchmarkResults results = new BenchmarkResults();
        out.printf("losslab hessian benchmark: %,d training rows, %d products per width, OMP_NUM_THREADS=%s%n", rows,
                products, System.getenv("OMP_NUM_THREADS"));
        out.println("  n1     P        HVP/s  HVP/s (blocks of 4)  HVP/s at 60,000 rows (blocks)");
        try (TrainingSet set = TrainingSet.of(data)) {
            results.add("rows", rows, "rows");
            for (int width : WIDTHS) {
                HessianBenchmark.HvpRate r = HessianBenchmark.hvpRate(set, 1, width, products, 4);
                double scale = (double) rows / FULL_ROWS;
                out.printf("  %-5d %-8d %8.3g %20.3g %30.3g%n", width, r.parameters(), r.hvpsPerSecond(),
                        r.blockHvpsPerSecond(), r.blockHvpsPerSecond() * scale);
                results.add("hvp_per_s_n1_" + width, r.hvpsPerSecond(), "products/s");
                results.add("hvp_block4_per_s_n1_" + width, r.blockHvpsPerSecond(), "products/s");
                results.add("hvp_block4_per_s_n1_" + width + "_at_60000_rows", r.blockHvpsPerSecond() * scale,
                        "products/s");
            }
            HessianBenchmark.DenseCost d = HessianBenchmark.denseCost(set, 1, 25);
            out.printf("  dense n1 = 25 (P = %d): build %.2f s, eigenvalues %.2f s (CPU)%n", d.parameters(),
                    d.buildSeconds(), d.eigenSeconds());
            results.add("dense_build_s_n1_25", d.buildSeconds(), "s");
            results.add("dense_eigen_s_n1_25", d.eigenSeconds(), "s");
        }
        out.println();
        for (Result r : results.all()) {
            out.println(r.name() + " " + r.value());
        }
        return results.all();
    }
}
