/// Physical constants, CODATA 2018 recommended values (Tiesinga et al.,
/// Rev. Mod. Phys. 2021, 93, 025010), in SI units. Since the 2019 SI
/// redefinition e, N_A, k_B, h and c are exact; the Faraday and molar gas
/// constants are exact products of them and printed here to the digits
/// CODATA gives.
public enum PhysicalConstants {
  /// Elementary charge e, C (exact).
  public static let elementaryCharge = 1.602176634e-19
  /// Avogadro constant N_A, 1/mol (exact).
  public static let avogadro = 6.02214076e23
  /// Boltzmann constant k_B, J/K (exact).
  public static let boltzmann = 1.380649e-23
  /// Boltzmann constant in eV/K, k_B/e.
  public static let boltzmannElectronvoltsPerKelvin = 8.617333262e-5
  /// Planck constant h, J·s (exact).
  public static let planck = 6.62607015e-34
  /// Speed of light in vacuum c, m/s (exact).
  public static let speedOfLight = 299_792_458.0
  /// Faraday constant F = e·N_A, C/mol.
  public static let faraday = 96485.33212
  /// Molar gas constant R = N_A·k_B, J/(mol·K).
  public static let molarGas = 8.314462618
  /// Vacuum electric permittivity ε0, F/m.
  public static let vacuumPermittivity = 8.8541878128e-12
  /// e²/(4πε₀) in eV·Å (14.3996 eV·Å): the Coulomb energy of two unit charges 1 Å apart.
  public static let coulombElectronvoltAngstrom =
    elementaryCharge / (4 * Double.pi * vacuumPermittivity * 1e-10)
  /// Atomic mass constant m_u, kg.
  public static let atomicMassConstant = 1.66053906660e-27
  /// 0 °C in kelvin (exact by definition of the Celsius scale).
  public static let zeroCelsiusInKelvin = 273.15
}
