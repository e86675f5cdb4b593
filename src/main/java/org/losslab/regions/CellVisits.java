package org.losslab.regions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


/**
 * The cells a network passes through while it trains (science.md §E.2 F12), from one {@link CellSnapshot} of the
 * same input subset per epoch checkpoint. Per hidden layer and census: distinct patterns now, patterns not present
 * at the previous census, patterns seen at any census so far, rows whose pattern changed since the previous census
 * (the informative number when every row has its own cell, as in wide layers), and the dead / always-on fractions.
 *
 * <p><b>State.</b> Per layer the previous census's row pattern hashes (16 bytes a row) and the set of all patterns
 * seen (16 bytes each, sorted): {@link #toBytes()} / {@link #fromBytes} are exact, so the tracker can be saved with
 * each epoch checkpoint and a resumed run continues it. The visited set grows by at most the subset size per census.
 */
public final class CellVisits {

    private static final int FORMAT = 1;

    /**
     * One layer at one census.
     *
     * @param newSincePrevious patterns absent at the previous census (null at the first census)
     * @param rowsChanged      rows whose pattern differs from the previous census (null at the first census)
     * @param visited          distinct patterns over all censuses so far
     */
    public record LayerVisit(int census, String layer, int units, int rows, int distinct, Integer newSincePrevious,
                             long visited, Integer rowsChanged, double deadFraction, double alwaysOnFraction) {
    }

    private static final class Track {
        final String name;
        final int units;
        Hash128[] previous;
        final Set<Hash128> visited = new HashSet<>();

        Track(String name, int units) {
            this.name = name;
            this.units = units;
        }
    }

    private final List<Track> tracks = new ArrayList<>();
    private int censuses;

    /** Number of censuses recorded. */
    public int censuses() {
        return censuses;
    }

    /** Adds the census of the next checkpoint; the same layers and subset as every earlier one. */
    public List<LayerVisit> record(CellSnapshot snapshot) {
        List<CellSnapshot.Layer> layers = snapshot.layers();
        if (censuses == 0) {
            layers.forEach(l -> tracks.add(new Track(l.name(), l.units())));
        }
        if (layers.size() != tracks.size()) {
            throw new IllegalArgumentException("cell census of " + layers.size() + " layers, earlier ones had " + tracks.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            CellSnapshot.Layer s = layers.get(l);
            Track t = tracks.get(l);
            if (!s.name().equals(t.name) || s.units() != t.units
                    || t.previous != null && t.previous.length != s.rowPatterns().length) {
                throw new IllegalArgumentException("cell census of layer " + s.name() + " (" + s.units() + " units, "
                        + s.rowPatterns().length + " rows) does not continue " + t.name + " (" + t.units + " units)");
            }
        }
        censuses++;
        List<LayerVisit> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            CellSnapshot.Layer s = layers.get(l);
            Track t = tracks.get(l);
            Integer fresh = null;
            Integer changed = null;
            if (t.previous != null) {
                fresh = s.distinctPatterns() - s.census().shared(censusOf(t.previous)).distinctShared();
                int c = 0;
                for (int r = 0; r < t.previous.length; r++) {
                    if (!t.previous[r].equals(s.rowPatterns()[r])) {
                        c++;
                    }
                }
                changed = c;
            }
            t.visited.addAll(s.census().counts().keySet());
            t.previous = s.rowPatterns().clone();
            out.add(new LayerVisit(censuses, s.name(), s.units(), s.rowPatterns().length, s.distinctPatterns(), fresh,
                    t.visited.size(), changed, (double) s.deadUnits() / s.units(), (double) s.alwaysOnUnits() / s.units()));
        }
        return out;
    }

    private static PatternCensus censusOf(Hash128[] rows) {
        PatternCensus c = new PatternCensus();
        for (int r = 0; r < rows.length; r++) {
            c.add(r, rows[r]);
        }
        return c;
    }

    /** Exact, deterministic serialisation (equal states give equal bytes). */
    public byte[] toBytes() {
        StateCodec.Writer w = new StateCodec.Writer().varint(FORMAT).varint(censuses).varint(tracks.size());
        for (Track t : tracks) {
            w.string(t.name).varint(t.units).varint(t.previous.length);
            for (Hash128 h : t.previous) {
                w.fixed(h.hi()).fixed(h.lo());
            }
            Hash128[] sorted = t.visited.toArray(new Hash128[0]);
            Arrays.sort(sorted);
            w.varint(sorted.length);
            for (Hash128 h : sorted) {
                w.fixed(h.hi()).fixed(h.lo());
            }
        }
        return w.bytes();
    }

    /** Inverse of {@link #toBytes()}; throws {@link IllegalArgumentException} on corrupt or foreign bytes. */
    public static CellVisits fromBytes(byte[] bytes) {
        StateCodec.Reader r = new StateCodec.Reader(bytes);
        if (r.varint() != FORMAT) {
            throw r.corrupt("unknown cell-visits format");
        }
        CellVisits v = new CellVisits();
        v.censuses = r.varintInt();
        int layers = r.varintInt();
        for (int l = 0; l < layers; l++) {
            Track t = new Track(r.string(), r.varintInt());
            t.previous = new Hash128[r.varintInt()];
            for (int i = 0; i < t.previous.length; i++) {
                t.previous[i] = new Hash128(r.fixed(), r.fixed());
            }
            int visited = r.varintInt();
            for (int i = 0; i < visited; i++) {
                t.visited.add(new Hash128(r.fixed(), r.fixed()));
            }
            v.tracks.add(t);
        }
        r.expectEnd();
        if (v.censuses == 0 && layers != 0) {
            throw r.corrupt("layers without a census");
        }
        return v;
    }
}
