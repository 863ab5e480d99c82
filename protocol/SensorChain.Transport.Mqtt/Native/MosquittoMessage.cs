using System.Runtime.InteropServices;

namespace SensorChain.Transport.Mqtt.Native;

/// <summary><c>struct mosquitto_message</c>: valid only for the duration of the message callback.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct MosquittoMessage
{
    public readonly int Mid;
    public readonly IntPtr Topic;
    public readonly IntPtr Payload;
    public readonly int PayloadLength;
    public readonly int Qos;
    public readonly byte Retain;
}
