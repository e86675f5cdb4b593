package org.losslab.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Properties;
import org.losslab.training.BlasKernel;
import org.losslab.training.batched.BatchedPath;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What produced a result (Tribuo-style provenance): code version and git commit from the build,
 * the ND4J backend and native classifier, and what changes floating-point bits besides: the thread
 * count, the OpenBLAS kernel ({@link BlasKernel}, which the launcher sets on AVX-512 CPUs) and the
 * batched trainer's kernels ({@link BatchedPath}: {@code fast} or {@code nd4j}).
 */
public record Provenance(String codeVersion, String gitCommit, String nd4jBackend, String nd4jClassifier,
                         int ompThreads, String openblasCoretype, String javaVersion, String host,
                         String batchedPath) {

    public static Provenance current() {
        Properties build = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/losslab-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException ignored) {
            // an unreadable build file leaves "unknown" below, which is itself recorded
        }
        return new Provenance(
                build.getProperty("version", "unknown"),
                build.getProperty("git.commit", "unknown"),
                Nd4j.getBackend().getClass().getSimpleName(),
                build.getProperty("nd4j.classifier", "unknown"),
                Nd4j.getEnvironment().maxThreads(),
                BlasKernel.current(),
                System.getProperty("java.version"),
                hostName(),
                BatchedPath.current().label());
    }

    /**
     * Why a process with this provenance would not reproduce the bits of an execution started with
     * {@code started} (a remote worker taking one of its partitions), or null when nothing that changes the
     * bits differs: the build, the ND4J backend, the thread count, the OpenBLAS kernel and the batched
     * trainer's path. Values the started execution did not record (older schema versions) are not compared.
     */
    public String bitsMismatch(Provenance started) {
        String[][] facts = {
            {"build", codeVersion + " " + gitCommit, started.gitCommit() == null ? null : started.codeVersion() + " " + started.gitCommit(),
                "run the manager's build on every worker"},
            {"ND4J backend", nd4jBackend, started.nd4jBackend(), "build the worker with the manager's backend"},
            {"OpenMP threads", Integer.toString(ompThreads), started.ompThreads() == 0 ? null : Integer.toString(started.ompThreads()),
                "LOSSLAB_OMP_THREADS must match"},
            {"OpenBLAS kernel", openblasCoretype, started.openblasCoretype(), "OPENBLAS_CORETYPE must match"},
            {"batched trainer path", batchedPath, started.batchedPath(), "LOSSLAB_BATCHED_PATH must match"}};
        for (String[] f : facts) {
            if (f[2] != null && !f[2].equals(f[1])) {
                return "this process runs " + f[0] + " " + f[1] + " but the execution was started with " + f[2]
                        + " (" + f[3] + " for bit-identical results)";
            }
        }
        return null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
