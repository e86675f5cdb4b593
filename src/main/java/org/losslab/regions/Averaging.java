package org.losslab.regions;

/** The two averagings of science.md §C.4. */
public enum Averaging {
    /** R_i(ℓ, j): one sample per unit, averaged over the n data (binomial null with n trials). */
    DATA,
    /** R̄_i(ℓ, x): one sample per datum, averaged over the n_ℓ units (binomial null with n_ℓ trials). */
    NEURON
}
