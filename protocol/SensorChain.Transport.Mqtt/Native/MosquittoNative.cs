using System.Runtime.InteropServices;

namespace SensorChain.Transport.Mqtt.Native;

/// <summary>
/// The subset of libmosquitto 2.0 (Debian <c>libmosquitto1</c>) this transport uses. Signatures follow
/// <c>mosquitto.h</c>; C <c>bool</c> is one byte. Callbacks are registered as unmanaged function pointers.
/// </summary>
internal static unsafe partial class MosquittoNative
{
    private const string Lib = "libmosquitto.so.1";

    public const int ProtocolVersionOption = 1;   // MOSQ_OPT_PROTOCOL_VERSION
    public const int ReceiveMaximumOption = 4;    // MOSQ_OPT_RECEIVE_MAXIMUM
    public const int SendMaximumOption = 5;       // MOSQ_OPT_SEND_MAXIMUM
    public const int TcpNoDelayOption = 11;       // MOSQ_OPT_TCP_NODELAY
    public const int MqttV5 = 5;
    public const int ErrNoConnection = 4;             // MOSQ_ERR_NO_CONN
    public const int PropSessionExpiryInterval = 17;  // MQTT_PROP_SESSION_EXPIRY_INTERVAL
    public const int PropUserProperty = 38;           // MQTT_PROP_USER_PROPERTY
    public const int PropMessageExpiryInterval = 2;   // MQTT_PROP_MESSAGE_EXPIRY_INTERVAL
    public const int SubscribeNoLocal = 0x04;         // MQTT_SUB_OPT_NO_LOCAL

    [LibraryImport(Lib, EntryPoint = "mosquitto_lib_init")]
    public static partial int LibInit();

    [LibraryImport(Lib, EntryPoint = "mosquitto_lib_version")]
    public static partial int LibVersion(out int major, out int minor, out int revision);

    [LibraryImport(Lib, EntryPoint = "mosquitto_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr New(string id, [MarshalAs(UnmanagedType.U1)] bool cleanSession, IntPtr obj);

    [LibraryImport(Lib, EntryPoint = "mosquitto_destroy")]
    public static partial void Destroy(IntPtr mosq);

    [LibraryImport(Lib, EntryPoint = "mosquitto_int_option")]
    public static partial int IntOption(MosquittoHandle mosq, int option, int value);

    [LibraryImport(Lib, EntryPoint = "mosquitto_threaded_set")]
    public static partial int ThreadedSet(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool threaded);

    [LibraryImport(Lib, EntryPoint = "mosquitto_max_inflight_messages_set")]
    public static partial int MaxInflightMessagesSet(MosquittoHandle mosq, uint maxInflight);

    [LibraryImport(Lib, EntryPoint = "mosquitto_tls_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsSet(MosquittoHandle mosq, string? caFile, string? caPath, string? certFile, string? keyFile, IntPtr passwordCallback);

    [LibraryImport(Lib, EntryPoint = "mosquitto_tls_opts_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsOptsSet(MosquittoHandle mosq, int certReqs, string? tlsVersion, string? ciphers);

    [LibraryImport(Lib, EntryPoint = "mosquitto_will_set_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WillSetV5(MosquittoHandle mosq, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain, IntPtr properties);

    [LibraryImport(Lib, EntryPoint = "mosquitto_connect_bind_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConnectBindV5(MosquittoHandle mosq, string host, int port, int keepAlive, string? bindAddress, IntPtr properties);

    [LibraryImport(Lib, EntryPoint = "mosquitto_reconnect")]
    public static partial int Reconnect(MosquittoHandle mosq);

    [LibraryImport(Lib, EntryPoint = "mosquitto_disconnect_v5")]
    public static partial int DisconnectV5(MosquittoHandle mosq, int reasonCode, IntPtr properties);

    [LibraryImport(Lib, EntryPoint = "mosquitto_loop")]
    public static partial int Loop(MosquittoHandle mosq, int timeoutMs, int maxPackets);

    [LibraryImport(Lib, EntryPoint = "mosquitto_loop_read")]
    public static partial int LoopRead(MosquittoHandle mosq, int maxPackets);

    [LibraryImport(Lib, EntryPoint = "mosquitto_loop_write")]
    public static partial int LoopWrite(MosquittoHandle mosq, int maxPackets);

    [LibraryImport(Lib, EntryPoint = "mosquitto_loop_misc")]
    public static partial int LoopMisc(MosquittoHandle mosq);

    [LibraryImport(Lib, EntryPoint = "mosquitto_want_write")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool WantWrite(MosquittoHandle mosq);

    [LibraryImport(Lib, EntryPoint = "mosquitto_socket")]
    public static partial int Socket(MosquittoHandle mosq);

    [LibraryImport(Lib, EntryPoint = "mosquitto_publish_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PublishV5(MosquittoHandle mosq, out int mid, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain, IntPtr properties);

    [LibraryImport(Lib, EntryPoint = "mosquitto_subscribe_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SubscribeV5(MosquittoHandle mosq, out int mid, string subscription, int qos, int options, IntPtr properties);

    [LibraryImport(Lib, EntryPoint = "mosquitto_connect_v5_callback_set")]
    public static partial void ConnectV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, int, IntPtr, void> callback);

    [LibraryImport(Lib, EntryPoint = "mosquitto_disconnect_v5_callback_set")]
    public static partial void DisconnectV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, IntPtr, void> callback);

    [LibraryImport(Lib, EntryPoint = "mosquitto_publish_v5_callback_set")]
    public static partial void PublishV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, int, IntPtr, void> callback);

    [LibraryImport(Lib, EntryPoint = "mosquitto_message_v5_callback_set")]
    public static partial void MessageV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, MosquittoMessage*, IntPtr, void> callback);

    [LibraryImport(Lib, EntryPoint = "mosquitto_subscribe_v5_callback_set")]
    public static partial void SubscribeV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int, int, int*, IntPtr, void> callback);

    [LibraryImport(Lib, EntryPoint = "mosquitto_property_add_int32")]
    public static partial int PropertyAddInt32(ref IntPtr properties, int identifier, uint value);

    [LibraryImport(Lib, EntryPoint = "mosquitto_property_add_string_pair", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PropertyAddStringPair(ref IntPtr properties, int identifier, string name, string value);

    [LibraryImport(Lib, EntryPoint = "mosquitto_property_read_string_pair")]
    public static partial IntPtr PropertyReadStringPair(IntPtr properties, int identifier, out IntPtr name, out IntPtr value, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(Lib, EntryPoint = "mosquitto_property_free_all")]
    public static partial void PropertyFreeAll(ref IntPtr properties);

    [LibraryImport(Lib, EntryPoint = "mosquitto_strerror")]
    public static partial IntPtr StrError(int rc);

    [LibraryImport(Lib, EntryPoint = "mosquitto_reason_string")]
    public static partial IntPtr ReasonString(int reasonCode);

    [LibraryImport("libc", EntryPoint = "free")]
    public static partial void Free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "shutdown")]
    public static partial int ShutdownSocket(int fd, int how);

    /// <summary>libmosquitto's text for a return code.</summary>
    public static string ErrorText(int rc) => Marshal.PtrToStringUTF8(StrError(rc)) ?? $"error {rc}";

    /// <summary>libmosquitto's text for an MQTT 5 reason code.</summary>
    public static string ReasonText(int reasonCode) => Marshal.PtrToStringUTF8(ReasonString(reasonCode)) ?? $"reason {reasonCode}";
}
