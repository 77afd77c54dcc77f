import Foundation
import Glibc
import XCTest
@testable import TermGraphics

/// A terminal that has just started answers its probe late: `xterm -e ganvas` gave the dark
/// theme on xterm's white background in 6 of 9 starts, as the probe gave up after 150 ms
/// (issue 23.3).
final class LateProbeReplyTests: XCTestCase {
    /// A pseudo-terminal pair: the master plays the terminal, the slave is the program's side.
    func terminalPair() throws -> (master: Int32, slave: Int32) {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw XCTSkip("no pseudo-terminals here") }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            close(master)
            throw XCTSkip("cannot unlock the pseudo-terminal")
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); throw XCTSkip("cannot open the pseudo-terminal's slave") }
        return (master, slave)
    }

    func testAnAnswerAfterHalfASecondStillGivesTheBackground() throws {
        let (master, slave) = try terminalPair()
        defer { close(master); close(slave) }
        let answered = DispatchSemaphore(value: 0)
        let terminal = Thread {
            // Reads the query (it ends with DA1's `c`), then answers as a white xterm does, late.
            var query: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 256)
            while query.last != UInt8(ascii: "c") {
                let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                query += buffer[0..<n]
            }
            usleep(500_000)
            let reply = Array("\u{1B}[?1;0;1024S\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?63;1;2;4;6;9;15;16;22;28c".utf8)
            _ = reply.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            answered.signal()
        }
        terminal.start()
        let profile = TerminalDetection.detect(fd: slave, variable: { ["TERM": "xterm"][$0] }, probe: true)
        XCTAssertEqual(answered.wait(timeout: .now() + 5), .success, "the fake terminal never saw the probe")
        XCTAssertEqual(profile.background, SIMD3(255, 255, 255), "the late answer was not waited for")
        XCTAssertEqual(profile.lightBackground, true)
        XCTAssertEqual(profile.graphics, .sixel)
    }
}
