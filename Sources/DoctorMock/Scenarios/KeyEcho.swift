/// The masked form in which the API echoes a rejected key ("Incorrect API key provided: …").
///
/// The real API shows the first eight characters, `***...` and the last four
/// (`sk-PMafP***...E873`, docs/errors-catalogue.md §1.1); for `sk-proj-` keys the first eight are
/// exactly the prefix (`sk-proj-***...ab12`). A key too short for that would be echoed almost
/// whole, so it is shown as its first three characters and `***` only: the echo never
/// contains the whole key.
public enum KeyEcho {
    /// The API's masked echo of `key`.
    public static func masked(_ key: String) -> String {
        let characters = Array(key)
        guard characters.count >= 20 else {
            return String(characters.prefix(min(3, characters.count / 2))) + "***"
        }
        return String(characters.prefix(8)) + "***..." + String(characters.suffix(4))
    }
}
