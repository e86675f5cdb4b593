/**
 * Spin-glass complexity theory and simulation (science.md §B, §A.5.1, §C.3): closed-form ABC complexity
 * ({@link org.losslab.theory.SpinGlassComplexity}), layered thresholds ({@link org.losslab.theory.ComplexityThresholds}),
 * the finite-N Kac–Rice identity by GOE Monte Carlo ({@link org.losslab.theory.KacRiceMonteCarlo}), the spherical
 * p-spin Hamiltonian and a brute-force critical-point oracle ({@link org.losslab.theory.SphericalPSpin},
 * {@link org.losslab.theory.CriticalPointEnumerator}, every distinct critical point of a small sample), the vectorized
 * 3-spin descent ({@link org.losslab.theory.SphericalDescentBlock}), simulated annealing with a polish to a critical
 * point ({@link org.losslab.theory.SphericalAnnealingBlock}) and the CLI facade ({@link org.losslab.theory.TheoryCommands}).
 * Pure library code: no Spring, no I/O.
 */
package org.losslab.theory;
