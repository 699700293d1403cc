/// The loopback venue's name in logs and in the `Server` header of its responses.
public enum LoopbackVenueIdentity {
    public static let serverHeader = "hedge-loopback"
}
