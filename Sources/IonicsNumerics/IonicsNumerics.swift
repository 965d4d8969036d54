// IonicsNumerics: the fitting engine of Ionics.
//
// - ``LevenbergMarquardt``: nonlinear least squares for real and complex
//   residuals, with bounds, fixed parameters, analytic or finite-difference
//   Jacobians, reported convergence and covariance. Checked against the NIST
//   StRD nonlinear-regression problems.
// - ``LinearLeastSquares``: pivoted-QR linear regression with rank
//   detection, checked against NIST Norris, Longley and Wampler 1–5.
// - ``StraightLineFit``: weighted lines with slope/intercept errors (Arrhenius).
// - ``NonNegativeLeastSquares``: Lawson–Hanson, for DRT.
// - ``Matrix``: the small dense matrix they share.
//
// Example:
//
//     let fit = try LevenbergMarquardt.fitCurve(
//       x: x, y: y, parameters: [FitParameter("A", 1), FitParameter("k", 0.1)],
//       model: { x, p in p[0] * exp(-p[1] * x) })
//     fit.parameters[1].standardError
