package org.losslab.comparison;

/**
 * One analysed trained network as the Hessian comparisons read it from {@code v_network_hessian}
 * (docs/science.md §A.6).
 *
 * @param negativeFraction fraction of eigenvalues below −zero threshold: the index fraction when {@code critical}
 * @param fractionError    its uncertainty (0 when exact; the SLQ bracket and sampling error for Lanczos)
 */
public record NetworkHessian(String runKey, int width, int hiddenLayers, boolean critical, double negativeFraction,
                             double fractionError, double finalTrainLoss, String method) {

    /** The width's comparison subject, H = 3 labelled apart ({@link RunLosses#subject(int, int)}). */
    public String subject() {
        return RunLosses.subject(width, hiddenLayers);
    }

    /** The canonical line of this network for {@link ComparisonInputs}. */
    String line() {
        return runKey + "\t" + critical + "\t" + negativeFraction + "\t" + fractionError + "\t" + finalTrainLoss + "\t"
                + method;
    }
}
