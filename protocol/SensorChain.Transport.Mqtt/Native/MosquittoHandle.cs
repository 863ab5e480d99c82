using System.Runtime.InteropServices;

namespace SensorChain.Transport.Mqtt.Native;

/// <summary>Owns one <c>struct mosquitto*</c>; <c>mosquitto_destroy</c> runs exactly once on release.</summary>
internal sealed class MosquittoHandle : SafeHandle
{
    public MosquittoHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a client; <paramref name="state"/> is passed back to every callback as <c>obj</c>.</summary>
    public static MosquittoHandle Create(string clientId, bool cleanStart, IntPtr state)
    {
        MosquittoLibrary.EnsureInitialized();
        var raw = MosquittoNative.New(clientId, cleanStart, state);
        if (raw == IntPtr.Zero)
        {
            throw new TransportException($"mosquitto_new failed for client id '{clientId}' (out of memory or invalid id).");
        }

        var handle = new MosquittoHandle();
        handle.SetHandle(raw);
        return handle;
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        MosquittoNative.Destroy(handle);
        return true;
    }
}
