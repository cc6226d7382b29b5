import DoctorCore

/// The DoctorMonitor module (its issue is still open).
public enum DoctorMonitorModule {
    /// The causes this module will work with.
    public static let causes = CauseID.allCases
}
