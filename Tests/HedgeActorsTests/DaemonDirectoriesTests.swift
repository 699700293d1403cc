import HedgeActors
import Testing

@Suite("Daemon directories")
struct DaemonDirectoriesTests {
    @Test("logs go to the state directory's parent, or the working directory when it has none, never the filesystem root",
          arguments: [
              ("logs/state", "logs"), ("state", "."), ("state/", "."), ("./state", "."), ("/var/lib/hedge/state", "/var/lib/hedge"),
              ("/state", "/"), ("a/b/c/", "a/b"),
          ])
    func logsDirectory(state: String, logs: String) {
        #expect(DaemonDirectories(stateDirectory: state).logs == logs)
    }
}
