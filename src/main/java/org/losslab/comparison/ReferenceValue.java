package org.losslab.comparison;

/** A value a paper reports, from table {@code reference_value}, with its source and certainty. */
public record ReferenceValue(String subject, double value, String source, String status) {
}
