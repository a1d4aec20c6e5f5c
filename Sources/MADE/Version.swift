public enum MADEVersion { public static let string = "0.1.0" }
