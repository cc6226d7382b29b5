/// The learned last stage's weights: a multinomial logistic regression over hashed
/// ``WordingFeatures``, one row of weights per cause it has seen (``CauseID/unknown`` among
/// them, so that texts like the honest unknowns of the corpus pull towards it).
///
/// Trained by `scripts/train-explain-model.sh` (``WordingModelTrainer``) on every labelled,
/// unsealed fixture; the shipped weights are ``WordingModel/shipped``, decoded once from the
/// generated `TrainedWordingModel.swift`. The thresholds were chosen under grouped
/// cross-validation (Tests/DoctorCoreTests/Fixtures/explain/README.md).
public struct WordingModel: Sendable {
    /// The causes, in row order.
    public var causes: [CauseID]
    /// The number of hashed buckets.
    public var buckets: Int
    /// The weights, bucket-major: `weights[bucket * causes.count + row]`.
    public var weights: [Float]
    /// One bias per cause.
    public var bias: [Float]
    /// The probability a cause must reach for the stage to name it (precision ≥ 97 % under
    /// grouped cross-validation).
    public var threshold: Float
    /// The probability from which the stage says `medium` rather than `low`.
    public var mediumThreshold: Float
    /// How many labelled evidence items it was trained on.
    public var examples: Int

    /// Creates a model.
    public init(
        causes: [CauseID], buckets: Int, weights: [Float], bias: [Float], threshold: Float, mediumThreshold: Float,
        examples: Int
    ) {
        self.causes = causes
        self.buckets = buckets
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.mediumThreshold = mediumThreshold
        self.examples = examples
    }

    /// The probability of every cause (in ``causes`` order) for `features`.
    public func probabilities(_ features: WordingFeatures) -> [Float] {
        let width = causes.count
        var scores = bias
        weights.withUnsafeBufferPointer { table in
            scores.withUnsafeMutableBufferPointer { out in
                for feature in features.features {
                    let base = feature.bucket * width
                    let value = feature.sign * features.value
                    for row in 0..<width { out[row] += table[base + row] * value }
                }
            }
        }
        return Self.softmax(scores)
    }

    /// The word features that pushed most towards `cause`, strongest first.
    public func strongestWords(_ features: WordingFeatures, towards cause: CauseID, limit: Int = 3) -> [String] {
        guard let row = causes.firstIndex(of: cause) else { return [] }
        let width = causes.count
        let scored = features.features.filter(\.isWord).map { feature in
            (feature.text, weights[feature.bucket * width + row] * feature.sign)
        }
        return scored.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0)
    }

    /// Turns scores into probabilities.
    static func softmax(_ scores: [Float]) -> [Float] {
        let top = scores.max() ?? 0
        let exps = scores.map { naturalExp($0 - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}

/// What grouped cross-validation measured for the whole pipeline (rules, then the model of each
/// fold) when the shipped weights were trained: fixtures right, in all, and confidently wrong (a
/// wrong cause at `high` or `medium`), and the families of 10 or more fixtures below 95 % right
/// or above 1 % confidently wrong.
struct CrossValidationFigures: Sendable {
    var right: Int
    var total: Int
    var confidentlyWrong: Int
    var familiesBelowTarget: [String]
}

/// `exp` for Float without Foundation: the series after range reduction by powers of two.
@inline(__always) func naturalExp(_ x: Float) -> Float {
    if x < -80 { return 0 }
    // e^x = 2^(x / ln 2) = 2^k · e^r, |r| ≤ ln 2 / 2.
    let k = (x * 1.442_695_04).rounded()
    let r = x - k * 0.693_147_18
    var term: Float = 1
    var sum: Float = 1
    for n in 1...9 {
        term *= r / Float(n)
        sum += term
    }
    return sum * Float(sign: .plus, exponent: Int(k), significand: 1)
}
