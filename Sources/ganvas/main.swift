import Foundation
import GanvasCLI

let environment = ProcessInfo.processInfo.environment
exit(Ganvas.run(Array(CommandLine.arguments.dropFirst()), console: .standard(environment: environment)))
