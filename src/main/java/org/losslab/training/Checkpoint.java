package org.losslab.training;

/**
 * Everything needed to continue a run bit-identically after {@code epoch} completed epochs:
 * parameters and updater state (float32 bytes), the iteration counter, and the seed of the next
 * epoch's data order (derived, stored so a resumed run can verify it continues the same stream).
 */
public record Checkpoint(int epoch, long iteration, byte[] params, byte[] updaterState, long nextOrderSeed) {
}
