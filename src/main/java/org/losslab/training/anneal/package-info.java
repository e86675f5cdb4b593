/**
 * Simulated annealing as a trainer for the one-hidden-layer Choromanska network (science.md §A.5.2, §E.2 F6):
 * Metropolis on the full-batch training loss, one parameter at a time, with exact incremental loss changes
 * ({@link org.losslab.training.anneal.NetworkAnnealer}). Parameters and checkpoints use the training stage's formats
 * (float32 DL4J layout, {@link org.losslab.training.Checkpoint}). Pure library code: no Spring, no I/O.
 */
package org.losslab.training.anneal;
