import Foundation

/// Nonlinear least squares by the Levenberg–Marquardt method: minimises
/// ½‖r(p)‖² for a residual vector r (already weighted: rᵢ = (modelᵢ − yᵢ)/σᵢ).
///
/// - Scaling: the damping term is μ·‖D·δ‖² with D the running maximum of
///   the Jacobian's column norms (Moré 1978), so the iteration does not
///   depend on the units of the parameters.
/// - Damping update: Nielsen's rule (μ ← μ·max(1/3, 1 − (2ρ − 1)³) on
///   success, μ ← μ·ν, ν ← 2ν on failure; Madsen, Nielsen & Tingleff,
///   Methods for Non-linear Least Squares Problems, 2004).
/// - Each step solves the damped problem [J; √μ·D]·δ ≈ [−r; 0] by
///   Householder QR rather than forming JᵀJ, which keeps the digits of
///   ill-conditioned problems.
/// - Bounds: parameters on a bound whose gradient points outwards are held
///   for the step (an active set); every trial point is projected into the box.
/// - Covariance: (JᵀJ)⁻¹ at the solution over the free parameters not on a
///   bound, scaled by χ²/(m − n) unless told otherwise.
public enum LevenbergMarquardt {
  /// How the Jacobian is obtained when no analytic one is given.
  public enum JacobianMethod: String, Sendable, Codable {
    /// (r(p + h·eⱼ) − r(p))/h with h = √ε·|pⱼ|: one evaluation per parameter.
    case forwardDifference = "forward-difference"
    /// (r(p + h·eⱼ) − r(p − h·eⱼ))/2h with h = ε^(1/3)·|pⱼ|: two evaluations, more digits.
    case centralDifference = "central-difference"
  }

  /// How the damped linear problem of each step is solved.
  public enum StepSolver: String, Sendable, Codable {
    /// QR of [J; √μ·D]: keeps the digits of ill-conditioned problems (NIST higher difficulty).
    case householderQR = "householder-qr"
    /// Cholesky of JᵀJ + μ·D², with JᵀJ formed once per Jacobian: several
    /// times faster for many residuals and few parameters, for
    /// well-conditioned problems; falls back to QR when Cholesky fails.
    case normalEquations = "normal-equations"
  }

  /// Stopping rules; the defaults suit fits whose parameters are wanted to
  /// eight or more significant digits.
  public struct Options: Sendable {
    /// Most iterations (Jacobian evaluations).
    public var maxIterations = 5000
    /// Stop when both the actual and the predicted relative reduction of
    /// the cost fall below this.
    public var relativeCostTolerance = 1e-15
    /// Stop when the scaled step ‖D·δ‖ falls below this times ‖D·p‖.
    public var relativeStepTolerance = 1e-12
    /// Stop when every scaled gradient component |Jⱼᵀr|/(‖Jⱼ‖·‖r‖) falls below this.
    public var gradientTolerance = 1e-12
    /// Starting damping μ relative to D².
    public var initialDamping = 1e-3
    /// Jacobian method when none is supplied.
    public var jacobianMethod = JacobianMethod.forwardDifference
    /// How the covariance is scaled.
    public var covarianceScaling = CovarianceScaling.residualVariance
    /// Adds the geodesic-acceleration correction of Transtrum & Sethna
    /// (arXiv:1201.5885, 2012) to each step: one more residual evaluation per
    /// trial, far fewer failures in narrow curved valleys (NIST BoxBOD,
    /// MGH10 from their distant starts).
    public var geodesicAcceleration = true
    /// Largest ratio 2‖a‖/‖v‖ of acceleration to velocity accepted in a
    /// step with geodesic acceleration.
    public var accelerationRatioLimit = 0.75
    /// How each damped step is solved.
    public var stepSolver = StepSolver.householderQR
    /// Whether the covariance, standard errors and Jacobian rank are worked
    /// out at the end. A multi-start whose runs are compared by χ² alone
    /// turns this off for all but the run it reports.
    public var computesCovariance = true
    /// Stop as soon as χ² = Σrᵢ² is at or below this. A multi-start sets it
    /// to just above the best χ² found so far: a later run that gets there
    /// has confirmed that minimum and need not polish it again.
    public var targetChiSquared: Double?
    /// Geodesic acceleration is applied only while the largest scaled
    /// gradient |Jⱼᵀr|/(‖Jⱼ‖·‖r‖) exceeds this. Near a minimum the
    /// quadratic model is good and the extra residual evaluation of each
    /// trial buys nothing; 0 keeps it on throughout.
    public var accelerationGradientThreshold = 0.0

    /// Default options.
    public init() {}
  }

  /// Why the iteration stopped.
  public enum Convergence: String, Sendable, Codable {
    /// The cost stopped falling, in fact and in the local model.
    case relativeCostReduction = "relative cost reduction below tolerance"
    /// The step became negligible against the parameters.
    case relativeStep = "relative step below tolerance"
    /// The gradient is orthogonal to the residuals within tolerance.
    case gradient = "gradient below tolerance"
    /// The residuals are exactly zero.
    case exactFit = "residuals are zero"
    /// No step reduces the cost any more, however small (a minimum to machine precision).
    case noFurtherReduction = "no further reduction possible"
    /// The iteration limit was reached first: the result is not a converged fit.
    case maxIterations = "iteration limit reached"
    /// χ² fell to ``Options/targetChiSquared``: stopped on request, not at a minimum.
    case reachedTarget = "chi-squared reached the target"

    /// Whether this is a converged stop (all but the iteration limit and the target).
    public var isConverged: Bool { self != .maxIterations && self != .reachedTarget }
  }

  /// The outcome of a fit.
  public struct Result: Sendable {
    /// All parameters, fixed ones included, in the order given.
    public let parameters: [FittedParameter]
    /// Best-fit values of all parameters.
    public var values: [Double] { parameters.map(\.value) }
    /// Covariance over all parameters (rows and columns of fixed or
    /// bound parameters are zero); nil when the Jacobian is rank deficient.
    public let covariance: Matrix?
    /// Weighted residuals at the solution.
    public let residuals: [Double]
    /// χ² = Σ rᵢ².
    public let chiSquared: Double
    /// Observations minus free parameters.
    public let degreesOfFreedom: Int
    /// χ²/(m − n).
    public var reducedChiSquared: Double {
      degreesOfFreedom > 0 ? chiSquared / Double(degreesOfFreedom) : .nan
    }
    /// Numerical rank of the Jacobian over the free parameters not on a
    /// bound (0 when ``Options/computesCovariance`` is off).
    public let jacobianRank: Int
    /// Iterations (accepted or rejected trial loops, one Jacobian each).
    public let iterations: Int
    /// Residual function evaluations, finite differences included.
    public let evaluations: Int
    /// Why the iteration stopped.
    public let convergence: Convergence
    /// How ``covariance`` is scaled.
    public let covarianceScaling: CovarianceScaling
    /// True unless the iteration limit stopped the fit.
    public var converged: Bool { convergence.isConverged }
  }

  /// Fits the parameters. `residuals(p, &r)` fills r (length
  /// `residualCount`) for the full parameter vector p; the optional
  /// `jacobian(p, &J)` fills the `residualCount` × `parameters.count`
  /// matrix ∂rᵢ/∂pⱼ (columns of fixed parameters are ignored). Both
  /// buffers are reused from call to call and arrive holding the previous
  /// values: every entry must be written.
  public static func fit(
    parameters: [FitParameter], residualCount m: Int, options: Options = Options(),
    residuals: @escaping ([Double], inout [Double]) throws -> Void,
    jacobian: (([Double], inout Matrix) throws -> Void)? = nil
  ) throws -> Result {
    var solver = try LevenbergMarquardtSolver(
      parameters: parameters, m: m, options: options, residuals: residuals, jacobian: jacobian)
    return try solver.run()
  }
}
