import ArgumentParser
import Conductivity
import Foundation
import Impedance
import IonicsCore
import Plots
import Report
import Workflows


