package org.losslab.faults;

/** Production: no fault is ever injected. */
public final class NoFaults implements Faults {

    @Override
    public void reach(String point) {
    }

    @Override
    public void trainedEpoch(int width, int restart, int epoch) {
    }

    @Override
    public void trainedRegionNetwork(String networkKey, int epochsDone) {
    }

    @Override
    public void sampledRows(String partition, int rowsDone) {
    }
}
