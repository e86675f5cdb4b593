package org.losslab.pipeline.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.losslab.activations.PiecewiseLinear;
import org.losslab.regions.CellVisits;
import org.losslab.regions.NetworkTrainer;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.RegionNetworks;

/**
 * The census a resumed network continues (science.md §C.4.1): censuses of a network trained 3 epochs in one go equal
 * those of one whose census was reopened from the stored state after epoch 1; a stored state that does not match the
 * checkpoint's epoch is refused; a checkpoint with no census (taken with the census off) gets none.
 */
class CellsVisitedCensusTest {

    /** An in-memory stand-in for the tables: rows as text per (network, epoch), the last state. */
    static final class MemoryStore extends RegionCellsStore {
        final Map<String, String> rows = new HashMap<>();
        final Map<String, State> states = new HashMap<>();

        MemoryStore() {
            super(null);
        }

        @Override
        public Optional<State> state(long experimentId, String networkKey) {
            return Optional.ofNullable(states.get(networkKey));
        }

        @Override
        public void save(long experimentId, String networkKey, int epoch, List<CellVisits.LayerVisit> layers,
                         byte[] state, long stepExecutionId) {
            rows.put(networkKey + "/" + epoch, layers.toString());
            states.put(networkKey, new State(epoch, state.clone()));
        }
    }

    static final PlainDataset TRAIN = data();

    static PlainDataset data() {
        Random rnd = new Random(7);
        int n = 120;
        float[] x = new float[n * RegionNetworks.MNIST_PIXELS];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            for (int j = 0; j < RegionNetworks.MNIST_PIXELS; j++) {
                x[i * RegionNetworks.MNIST_PIXELS + j] = rnd.nextFloat() < 0.2 + 0.05 * y[i] ? 1f : 0f;
            }
        }
        return new PlainDataset(x, y, RegionNetworks.MNIST_PIXELS);
    }

    static MultiLayerNetwork net() {
        return RegionNetworks.mnistMlp(new int[] {8, 6}, PiecewiseLinear.relu(), 11L);
    }

    static void epoch(MultiLayerNetwork net, int e) {
        NetworkTrainer.train(net, TRAIN, null, new NetworkTrainer.Options(1, 20, 100L + e));
    }

    @Test
    void aReopenedCensusContinuesToTheSameRows() {
        MemoryStore whole = new MemoryStore();
        MultiLayerNetwork a = net();
        CellsVisitedCensus c = CellsVisitedCensus.open(whole, 1, "n", TRAIN, 50, 16, 0);
        for (int e = 1; e <= 3; e++) {
            c.initial(a);
            epoch(a, e);
            c.take(a, e);
            c.flush(whole, 1, "n", 1);
        }
        MemoryStore resumed = new MemoryStore();
        MultiLayerNetwork b = net();
        CellsVisitedCensus first = CellsVisitedCensus.open(resumed, 1, "n", TRAIN, 50, 16, 0);
        first.initial(b);
        epoch(b, 1);
        first.take(b, 1);
        first.flush(resumed, 1, "n", 1);
        for (int e = 2; e <= 3; e++) {
            CellsVisitedCensus again = CellsVisitedCensus.open(resumed, 1, "n", TRAIN, 50, 16, e - 1);
            again.initial(b); // taken already: no second epoch-0 census
            epoch(b, e);
            again.take(b, e);
            again.flush(resumed, 1, "n", 2);
        }
        assertThat(whole.rows).hasSize(4).isEqualTo(resumed.rows);
        assertThat(whole.states.get("n").epoch()).isEqualTo(3);
        assertThat(resumed.states.get("n").bytes()).isEqualTo(whole.states.get("n").bytes());
        List<String> epochs = new ArrayList<>(whole.rows.keySet());
        assertThat(epochs).containsExactlyInAnyOrder("n/0", "n/1", "n/2", "n/3");
    }

    @Test
    void aStateOfAnotherEpochIsRefusedAndACheckpointWithoutCensusGetsNone() {
        MemoryStore store = new MemoryStore();
        MultiLayerNetwork a = net();
        CellsVisitedCensus c = CellsVisitedCensus.open(store, 1, "n", TRAIN, 50, 16, 0);
        c.initial(a);
        epoch(a, 1);
        c.take(a, 1);
        c.flush(store, 1, "n", 1);
        assertThatThrownBy(() -> CellsVisitedCensus.open(store, 1, "n", TRAIN, 50, 16, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after epoch 1");
        assertThat(CellsVisitedCensus.open(store, 1, "other", TRAIN, 50, 16, 2)).isNull();
        assertThatThrownBy(() -> c.take(a, 3)).isInstanceOf(IllegalStateException.class);
    }
}
