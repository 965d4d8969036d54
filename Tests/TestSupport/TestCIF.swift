/// Small CIF texts that tests write themselves.
public enum TestCIF {
  /// A data block: the cell "a b c α β γ" (Å, degrees), one symmetry item
  /// (e.g. `_space_group_IT_number 166` or `_symmetry_space_group_name_H-M
  /// 'P 1'`), and an atom-site loop of "label x y z" lines; `extra` is
  /// appended as written (a second loop, say). With `typeSymbols`, each
  /// site line is "label type x y z" (type symbols such as `Na1+`).
  public static func block(
    _ name: String = "t", cell: String, symmetry: String, sites: String, extra: String = "",
    typeSymbols: Bool = false
  ) -> String {
    let p = cell.split(separator: " ").map(String.init)
    let values = p.count == 6 ? p : [p[0], p[0], p[0], "90", "90", "90"]
    return """
      data_\(name)
      _cell_length_a \(values[0])
      _cell_length_b \(values[1])
      _cell_length_c \(values[2])
      _cell_angle_alpha \(values[3])
      _cell_angle_beta \(values[4])
      _cell_angle_gamma \(values[5])
      \(symmetry)
      loop_
      _atom_site_label\(typeSymbols ? "\n_atom_site_type_symbol" : "")
      _atom_site_fract_x
      _atom_site_fract_y
      _atom_site_fract_z
      \(sites)
      \(extra)
      """
  }
}
