package org.losslab.training.batched;

/** Mean loss and error of every active network of a block on a whole data set. */
interface BlockEvaluation {

    BlockEvaluator.Scores evaluate(float[] x, int[] y);
}
