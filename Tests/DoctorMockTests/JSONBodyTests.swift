import Testing

@testable import DoctorMock

/// Request bodies are read as JSON by Foundation's parser, as `JSONSerialization` read them before.
@Suite struct JSONBodyTests {
    func parse(_ text: String) -> JSONBody? { JSONBody.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValue() throws {
        let body = try #require(
            parse(
                #"{"model":"gpt-4o","stream":true,"n":2,"temperature":0.5,"stop":null,"input":["a","b"],"stream_options":{"include_usage":false}}"#
            ))
        let object = try #require(body.object)
        #expect(object["model"]?.string == "gpt-4o")
        #expect(object["stream"]?.bool == true)
        #expect(object["n"]?.integer == 2)
        #expect(object["temperature"] == .number(0.5))
        #expect(object["temperature"]?.integer == nil)
        #expect(object["stop"] == .null)
        #expect(object["input"]?.strings == ["a", "b"])
        #expect(object["stream_options"]?.object?["include_usage"]?.bool == false)
    }

    @Test func numbersAndBooleansDoNotStandInForEachOther() throws {
        let object = try #require(parse(#"{"stream":1,"seed":true,"big":18446744073709551615}"#)?.object)
        #expect(object["stream"]?.bool == nil)
        #expect(object["seed"]?.integer == nil)
        #expect(object["big"]?.integer == nil)  // beyond Int: a number, never a wrapped whole one
    }

    @Test func aListHoldingANonStringIsNoListOfStrings() throws {
        let object = try #require(parse(#"{"input":["a",1],"tokens":[1,2,3]}"#)?.object)
        #expect(object["input"]?.strings == nil)
        #expect(object["tokens"]?.strings == nil)
        #expect(
            object["tokens"].map { value -> [String] in
                guard case .array(let list) = value else { return [] }
                return list.map(\.text)
            } == ["1", "2", "3"])
    }

    @Test func whatIsNotJSONIsRejected() {
        // Foundation's parser tolerates a trailing comma, as JSONSerialization did; nothing else.
        #expect(parse("{'model': 'gpt-4o'}") == nil)  // a Python dict
        #expect(parse(#"{"model":"gpt-4o""#) == nil)  // cut short
        #expect(parse("model=gpt-4o") == nil)
        #expect(parse("") == nil)
    }
}
