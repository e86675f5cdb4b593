/**
 * Piecewise-linear cells of the loss surface (He, Wang &amp; Tao, ICLR 2020; science.md §D): a double
 * precision fully connected network with exact gradient and Hessian, activation patterns and cells
 * (§D.2), the Stage-1/Stage-2 spurious-minimum construction (§D.3), the one-hidden-layer in-cell
 * convex program (§D.4), and certificates for the empirical tests of §D.5 (findings F9–F12 of §E.2).
 * Entry point: {@link org.losslab.cells.CellCertificates}.
 */
package org.losslab.cells;
