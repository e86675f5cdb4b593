package org.losslab.comparison;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Provenance and sample sizes of a comparison's inputs: the relation and filter they were read from, how
 * many values, in how many groups (widths, sizes N) and how many in the smallest group, and the SHA-256
 * of their canonical text (one line per value, sorted), so that a rerun on changed inputs shows a
 * different checksum in table {@code comparison}.
 */
public record ComparisonInputs(String description, int count, int groups, int minGroup, String sha256) {

    /** One group of values. */
    public static ComparisonInputs of(String description, List<String> canonicalLines) {
        List<String> sorted = new ArrayList<>(canonicalLines);
        Collections.sort(sorted);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String line : sorted) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return new ComparisonInputs(description, sorted.size(), 1, sorted.size(),
                    HexFormat.of().formatHex(md.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same provenance with the sample sizes stated explicitly, where the canonical lines are not the sampled
     * values (e.g. one summary row per layer, each summarizing m values).
     */
    public ComparisonInputs withSampleSizes(int values, int groupCount, int smallestGroup) {
        return new ComparisonInputs(description, values, groupCount, smallestGroup, sha256);
    }

    /** Inputs of a statistic that combines several groups (e.g. all sizes): one group per part. */
    public static ComparisonInputs combine(String description, List<ComparisonInputs> parts) {
        List<String> lines = new ArrayList<>();
        int count = 0;
        int min = Integer.MAX_VALUE;
        for (ComparisonInputs p : parts) {
            lines.add(p.description() + "\t" + p.sha256());
            count += p.count();
            min = Math.min(min, p.minGroup());
        }
        ComparisonInputs hashed = of(description, lines);
        return new ComparisonInputs(description, count, parts.size(), parts.isEmpty() ? 0 : min, hashed.sha256());
    }
}
