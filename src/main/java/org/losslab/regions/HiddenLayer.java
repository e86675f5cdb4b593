package org.losslab.regions;

/**
 * A hidden layer as seen by {@link PreActivationSampler}.
 *
 * @param name                 name of the linear layer whose output is the pre-activation ({@code fc1}, {@code conv1})
 * @param activationLayerIndex index in the network of the ActivationLayer whose input is sampled
 * @param units                units per datum (conv: channels × height × width, index c·H·W + y·W + x)
 */
public record HiddenLayer(String name, int activationLayerIndex, int units) {
}
