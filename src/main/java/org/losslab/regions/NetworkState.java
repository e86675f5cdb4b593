package org.losslab.regions;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J network's flattened parameters and updater (Adam) state as float arrays, the form in which
 * checkpoints store them, and their restore with the iteration and epoch counts: all four are needed
 * for a restored network to train on bit-identically. The one place that reads or writes them.
 */
public final class NetworkState {

    private NetworkState() {
    }

    public static float[] parameters(MultiLayerNetwork net) {
        return net.params().dup().data().asFloat();
    }

    /** Sets the flattened parameters (per layer W column-major [in × out], then b: DL4J's layout). */
    public static void setParameters(MultiLayerNetwork net, float[] params) {
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
    }

    /** The updater state, or null for an updater without state. */
    public static float[] updaterState(MultiLayerNetwork net) {
        INDArray state = net.getUpdater().getStateViewArray();
        return state == null ? null : state.dup().data().asFloat();
    }

    /** Restores a checkpoint: parameters, updater state (if both the network's updater and {@code updater} have one), counts. */
    public static void restore(MultiLayerNetwork net, float[] params, float[] updater, long iteration, int epochs) {
        setParameters(net, params);
        INDArray state = net.getUpdater().getStateViewArray();
        if (updater != null && state != null) {
            state.assign(Nd4j.create(updater, new long[] {1, updater.length}, 'c'));
        }
        net.setIterationCount((int) iteration);
        net.setEpochCount(epochs);
    }
}
