import DoctorCore

/// The DoctorClient module (its issue is still open).
public enum DoctorClientModule {
    /// The causes this module will work with.
    public static let causes = CauseID.allCases
}
