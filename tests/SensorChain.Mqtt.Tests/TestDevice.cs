using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

/// <summary>A device key written as PKCS#8 PEM, as a gateway keeps it.</summary>
public sealed class TestDevice : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TestDevice()
    {
        Key = DeviceKey.Create();
        KeyFile = _dir.File("device.pem");
        File.WriteAllText(KeyFile, Key.ExportPkcs8Pem());
    }

    public DeviceKey Key { get; }

    public string Id => Key.Id.ToString();

    public string KeyFile { get; }

    public void Dispose()
    {
        Key.Dispose();
        _dir.Dispose();
    }
}
