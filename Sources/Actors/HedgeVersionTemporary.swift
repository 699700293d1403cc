public enum HedgeVersion { public static let current = "0.1.0" }
