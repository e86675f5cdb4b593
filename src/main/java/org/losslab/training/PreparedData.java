package org.losslab.training;

/**
 * Training and test inputs as row-major float matrices (n × features) with integer labels 0–9:
 * what every trainer consumes, independent of where the digits came from.
 */
public record PreparedData(float[] trainX, int[] trainY, float[] testX, int[] testY, int features, String checksum) {

    public int trainCount() {
        return trainY.length;
    }

    public int testCount() {
        return testY.length;
    }
}
