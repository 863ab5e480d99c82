namespace SensorChain.Transport.Mqtt;

/// <summary>
/// What a <see cref="MosquittoClient"/> reports. Every method runs on the client's network thread and must not throw;
/// exceptions are caught and logged by the client anyway.
/// </summary>
internal interface IMosquittoEvents
{
    /// <summary>CONNACK arrived; <paramref name="reasonCode"/> 0 means connected.</summary>
    void OnConnected(MosquittoClient client, int reasonCode, bool sessionPresent);

    /// <summary>The connection ended; <paramref name="rc"/> 0 means a requested disconnect.</summary>
    void OnDisconnected(MosquittoClient client, int rc);

    /// <summary>The publish with <paramref name="mid"/> was acknowledged (PUBACK) with <paramref name="reasonCode"/>.</summary>
    void OnPublished(MosquittoClient client, int mid, int reasonCode);

    /// <summary>A message arrived. <paramref name="payload"/> is valid only during the call. For QoS 1 the PUBACK is written after this returns.</summary>
    void OnMessage(MosquittoClient client, string topic, ReadOnlySpan<byte> payload, IntPtr properties);
}
