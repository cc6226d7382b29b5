import DoctorCore

/// The DoctorProbes module (its issue is still open).
public enum DoctorProbesModule {
    /// The causes this module will work with.
    public static let causes = CauseID.allCases
}
