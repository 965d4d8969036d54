import Crystal
import Foundation
import Synchronization

/// Every data block of the CIF files at `paths`, each with the path it came
/// from; a file that cannot be read or parsed is named in the error.
public func readStructures(_ paths: [String]) throws -> [(file: String, structure: CrystalStructure)]
{
  var result: [(String, CrystalStructure)] = []
  var documents: [CIFDocument] = []
  for file in paths {
    let data = try readInput(file)
    let name = URL(fileURLWithPath: file).lastPathComponent
    let document = try CIFParser.parse(data, source: name)
    for block in document.blocks {
      result.append((file, try CrystalStructure(block: block, source: name)))
    }
    documents.append(document)
  }
  keptUntilExit.withLock { $0.documents += documents; $0.structures += result.map(\.1) }
  return result
}

/// The structure of the first data block of CIF text `text` (a model the
/// program built, not a file).
public func structure(fromCIF text: String, name: String) throws -> CrystalStructure {
  let document = try CIFParser.parse(Data(text.utf8), source: name)
  guard let block = document.blocks.first else {
    throw WorkflowError.inFile(name, "no data block")
  }
  return try CrystalStructure(block: block, source: name)
}

/// Documents and structures kept until the process ends: a 20 000-atom cell
/// holds 10⁵ values and positions, and releasing them one by one just before
/// the process exits costs as much as the distance search, while the system
/// takes a process's memory back at once.
private let keptUntilExit = Mutex<(documents: [CIFDocument], structures: [CrystalStructure])>(
  ([], []))
