import Foundation
import HedgeActors
import Testing

@Suite("Instance lock")
struct PersistenceLockTests {
    @Test("a second acquisition is refused with one clear line naming the file and the holder's pid")
    func secondRefused() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let lock = try InstanceLock(stateDirectory: dir.path)
        let lockPath = "\(dir.path)/hedge.lock"
        #expect(lock.path == lockPath)
        #expect(dir.text("hedge.lock") == "\(getpid())\n")
        do throws(PersistenceError) {
            let second = try InstanceLock(stateDirectory: dir.path)
            second.release()
            Issue.record("the second acquisition should have failed")
        } catch {
            #expect(error == .instanceLocked(path: lockPath, pid: getpid()))
            #expect(error.description == "another hedge instance holds \(lockPath) (pid \(getpid())); stop it or use a different state_dir")
        }
        lock.release()
    }

    @Test("the lock can be taken again after release, and after its owner goes away")
    func reacquire() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let first = try InstanceLock(stateDirectory: dir.path)
        first.release()
        do {
            let scoped = try InstanceLock(stateDirectory: dir.path)
            #expect(scoped.path.hasSuffix("hedge.lock"))
        }
        let again = try InstanceLock(stateDirectory: dir.path)
        #expect(dir.text("hedge.lock") == "\(getpid())\n")
        again.release()
    }

    @Test("the state directory is created when missing")
    func createsDirectory() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let lock = try InstanceLock(stateDirectory: "\(dir.path)/a/b/state")
        #expect(dir.text("a/b/state/hedge.lock") == "\(getpid())\n")
        lock.release()
    }
}
