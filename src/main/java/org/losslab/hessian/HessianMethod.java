package org.losslab.hessian;

/** How a network's spectrum was obtained. */
public enum HessianMethod {
    /** Dense Hessian, all eigenvalues by LAPACK: counts are exact. */
    EXACT,
    /** Hessian-vector products: Lanczos extremes, SLQ density and fractions with error bounds. */
    LANCZOS;

    /** The name stored in the database and shown in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
