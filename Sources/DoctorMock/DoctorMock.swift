import DoctorCore

/// The DoctorMock module (its issue is still open).
public enum DoctorMockModule {
    /// The causes this module will work with.
    public static let causes = CauseID.allCases
}
