package org.losslab.pipeline.regions;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.regions.CellSnapshot;
import org.losslab.regions.CellVisits;
import org.losslab.regions.PlainDataset;
import org.losslab.regions.PreActivationSampler;
import org.losslab.regions.RegionNetworks;

/**
 * The cells one trained region network visits (science.md §C.4.1, F12): a {@link CellSnapshot} of a fixed
 * training subset at initialisation (epoch 0) and after every epoch, tracked by {@link CellVisits}. The rows of
 * the censuses taken in a chunk are held until {@link #flush} writes them with the tracker's state, after the
 * chunk has written the network's checkpoint (their foreign key), in the same transaction.
 */
final class CellsVisitedCensus {

    private record Pending(int epoch, List<CellVisits.LayerVisit> rows) {
    }

    private final PlainDataset subset;
    private final int batchSize;
    private final CellVisits visits;
    private int lastEpoch;
    private final List<Pending> pending = new ArrayList<>();

    private CellsVisitedCensus(PlainDataset subset, int batchSize, CellVisits visits, int lastEpoch) {
        this.subset = subset;
        this.batchSize = batchSize;
        this.visits = visits;
        this.lastEpoch = lastEpoch;
    }

    /**
     * The census of a network resumed after {@code epochsDone} epochs: continues the stored tracker, or starts one
     * when nothing is done yet; null when the checkpoint has no census to continue (it was taken with the census
     * off), since a census that skipped epochs would count their changes as one.
     */
    static CellsVisitedCensus open(RegionCellsStore store, long experimentId, String networkKey, PlainDataset train,
                                   int visitedCount, int batchSize, int epochsDone) {
        PlainDataset subset = RegionNetworkTasklet.trainingSet(train, visitedCount);
        return store.state(experimentId, networkKey)
                .map(s -> {
                    if (s.epoch() != epochsDone) {
                        throw new IllegalStateException("network " + networkKey + ": cell census after epoch " + s.epoch()
                                + " but checkpoint after epoch " + epochsDone);
                    }
                    return new CellsVisitedCensus(subset, batchSize, CellVisits.fromBytes(s.bytes()), s.epoch());
                })
                .orElse(epochsDone == 0 ? new CellsVisitedCensus(subset, batchSize, new CellVisits(), -1) : null);
    }

    /** Takes the census at initialisation, unless it is taken already. */
    void initial(MultiLayerNetwork net) {
        if (lastEpoch < 0) {
            take(net, 0);
        }
    }

    /** Takes the census after {@code epoch}. */
    void take(MultiLayerNetwork net, int epoch) {
        if (epoch != lastEpoch + 1) {
            throw new IllegalStateException("cell census after epoch " + epoch + " follows epoch " + lastEpoch);
        }
        PreActivationSampler sampler = new PreActivationSampler(net, RegionNetworks.MNIST_PIXELS);
        pending.add(new Pending(epoch, visits.record(CellSnapshot.take(sampler, subset, batchSize))));
        lastEpoch = epoch;
    }

    /** Writes the censuses taken since the last flush, and the tracker's state. */
    void flush(RegionCellsStore store, long experimentId, String networkKey, long stepExecutionId) {
        if (pending.isEmpty()) {
            return;
        }
        byte[] state = visits.toBytes();
        for (Pending p : pending) {
            store.save(experimentId, networkKey, p.epoch(), p.rows(), state, stepExecutionId);
        }
        pending.clear();
    }
}
