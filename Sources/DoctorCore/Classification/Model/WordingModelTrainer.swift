/// Trains a ``WordingModel``: multinomial logistic regression by stochastic gradient descent
/// over hashed ``WordingFeatures``, in a fixed order (a seeded shuffle), so the same examples
/// always give the same weights, bit for bit.
///
/// The weights it returns are already quantized the way ``WordingModelCoding`` stores them, so
/// that cross-validation measures the model that ships.
public struct WordingModelTrainer: Sendable {
    /// One labelled example.
    public struct Example: Sendable {
        /// The evidence's features.
        public var features: WordingFeatures
        /// The label.
        public var cause: CauseID

        /// Creates an example.
        public init(features: WordingFeatures, cause: CauseID) {
            self.features = features
            self.cause = cause
        }
    }

    /// The number of hashed buckets.
    public var buckets: Int
    /// Passes over the examples.
    public var epochs: Int
    /// The first step size; it decays as 1 / (1 + epoch / 4).
    public var learningRate: Float
    /// L2 shrinkage applied to the weights a step touches.
    public var l2: Float

    /// Creates a trainer with the settings the shipped model uses.
    public init(buckets: Int = 1 << 15, epochs: Int = 40, learningRate: Float = 2.0, l2: Float = 1e-5) {
        self.buckets = buckets
        self.epochs = epochs
        self.learningRate = learningRate
        self.l2 = l2
    }

    /// Trains on `examples`; the thresholds are left at 1 (answer nothing) for the caller to set.
    public func train(_ examples: [Example]) -> WordingModel {
        let causes = Array(Set(examples.map(\.cause))).sorted()
        let width = causes.count
        let rows = Dictionary(uniqueKeysWithValues: causes.enumerated().map { ($1, $0) })
        var weights = [Float](repeating: 0, count: buckets * width)
        var bias = [Float](repeating: 0, count: width)
        var order = Array(examples.indices)
        var random = SplitMix64(seed: 0x5EED_0F_D0C7_0121)
        var scores = [Float](repeating: 0, count: width)
        for epoch in 0..<epochs {
            // Fisher–Yates with the seeded generator.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            let rate = learningRate / (1 + Float(epoch) / 4)
            for exampleIndex in order {
                let example = examples[exampleIndex]
                let features = example.features
                guard let target = rows[example.cause] else { continue }
                weights.withUnsafeMutableBufferPointer { table in
                    for row in 0..<width { scores[row] = bias[row] }
                    for feature in features.features {
                        let base = feature.bucket * width
                        let value = feature.sign * features.value
                        for row in 0..<width { scores[row] += table[base + row] * value }
                    }
                    let probabilities = WordingModel.softmax(scores)
                    for row in 0..<width {
                        let gradient = probabilities[row] - (row == target ? 1 : 0)
                        bias[row] -= rate * gradient * 0.1
                        scores[row] = gradient
                    }
                    let shrink = 1 - rate * l2
                    for feature in features.features {
                        let base = feature.bucket * width
                        let value = feature.sign * features.value
                        for row in 0..<width {
                            table[base + row] = table[base + row] * shrink - rate * scores[row] * value
                        }
                    }
                }
            }
        }
        let model = WordingModel(
            causes: causes, buckets: buckets, weights: weights, bias: bias, threshold: 1, mediumThreshold: 1,
            examples: examples.count)
        // Quantize exactly as the committed form does.
        return WordingModelCoding.decode(WordingModelCoding.encode(model)) ?? model
    }
}
