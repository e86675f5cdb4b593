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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
