import CLibXML2

/// A thin wrapper over libxml2's streaming writer, which escapes for us.
final class XMLWriter {
    private let writer: OpaquePointer
    private var failed = false

    struct WriteError: Error, CustomStringConvertible {
        var description: String { "libxml2 could not write the XML document" }
    }

    init() throws {
        guard let writer = bh_xml_writer_new() else { throw WriteError() }
        self.writer = writer
    }

    deinit { bh_xml_writer_free(writer) }

    private func check(_ rc: Int32) { if rc < 0 { failed = true } }

    func start(_ name: String, _ attributes: [(String, String)] = []) {
        check(bh_xml_start(writer, name))
        for (key, value) in attributes { check(bh_xml_attribute(writer, key, XMLText.clean(value))) }
    }

    func text(_ s: String) { check(bh_xml_text(writer, XMLText.clean(s))) }

    func end() { check(bh_xml_end(writer)) }

    func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
        start(name, attributes)
        if let text { self.text(text) }
        end()
    }

    func finish() throws -> [UInt8] {
        var pointer: UnsafePointer<CChar>?
        var length = 0
        guard !failed, bh_xml_finish(writer, &pointer, &length) == 0, let pointer else { throw WriteError() }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
