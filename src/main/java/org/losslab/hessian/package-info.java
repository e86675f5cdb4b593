/**
 * The Hessian of a trained Choromanska network's training loss (issue 19; science.md §A.4: the index
 * of critical points), free of Spring: the loss and gradient in double precision exactly as the
 * trainers define them ({@link org.losslab.hessian.MlpLoss}), exact Hessian-vector products by the
 * R-operator ({@link org.losslab.hessian.HessianVectorProducts}), the dense Hessian with all its
 * eigenvalues ({@link org.losslab.hessian.DenseHessian}), Lanczos extremes
 * ({@link org.losslab.hessian.ExtremeEigenvalues}) and stochastic Lanczos quadrature
 * ({@link org.losslab.hessian.StochasticLanczosQuadrature}) for larger networks, and the honest index
 * rules. Entry point: {@link org.losslab.hessian.HessianAnalysis#analyse}.
 */
package org.losslab.hessian;
