extension KeyedDecodingContainer {
    /// The value at `key` when it is there and of type `T`; nil when it is missing, null or of another
    /// type. API models read optional fields this way: a field of an unexpected type counts as absent.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
