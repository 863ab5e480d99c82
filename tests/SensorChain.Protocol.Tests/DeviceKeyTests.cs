using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Protocol.Tests;

public sealed class DeviceKeyTests
{
    [Fact]
    public void Key_is_created_once_readable_only_by_its_owner_and_reloaded()
    {
        using var dir = new TempDirectory();
        var path = dir.File("keys/device.pem");

        DeviceId first;
        using (var created = DeviceKey.LoadOrCreate(path))
        {
            first = created.Id;
        }

        using var reloaded = DeviceKey.LoadOrCreate(path);
        Assert.Equal(first, reloaded.Id);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Device_id_is_the_hash_of_the_public_key()
    {
        using var key = DeviceKey.Create();
        Assert.Equal(DeviceId.FromPublicKey(key.PublicKeySpki), key.Id);
        Assert.Equal(key.Id, DeviceId.Parse(key.Id.ToString()));
        Assert.Equal(32, key.Id.ToString().Length);
    }

    [Fact]
    public void Malformed_device_id_text_is_refused()
    {
        Assert.False(DeviceId.TryParse("not-hex", out _));
        Assert.False(DeviceId.TryParse(new string('z', 32), out _));
        Assert.Throws<FormatException>(() => DeviceId.Parse("abc"));
    }
}
