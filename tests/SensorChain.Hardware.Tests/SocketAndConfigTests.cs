using SensorChain.Edge.Hardware.Bus;
using SensorChain.Edge.Hardware.Drivers.Max30102;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.FirmwareSim.Chips.I2c;
using SensorChain.FirmwareSim.Chips.Kit;
using SensorChain.FirmwareSim.Chips.Signals;
using SensorChain.TestSupport;

namespace SensorChain.Hardware.Tests;

public sealed class SocketAndConfigTests
{
    [Fact]
    public void Socket_tunnel_reaches_emulated_chips_and_reports_nack()
    {
        using var dir = new TempDirectory();
        using var kit = new EmulatedKit(new SyntheticPatient(), TimeProvider.System);
        using var server = new I2cSocketServer(kit.Bus, dir.File("i2c.sock"));
        using var bus = new SocketI2cBus(server.SocketPath, 1);
        Assert.Equal(Max30102Register.ExpectedPartId, new Max30102(bus.CreateDevice(0x57)).ReadPartId());
        Assert.Throws<I2cNackException>(() => bus.CreateDevice(0x10).ReadByte());
        kit.Bus.Unplug(0x57);
        Assert.Throws<I2cNackException>(() => new Max30102(bus.CreateDevice(0x57)).ReadPartId());
        kit.Bus.Plug(0x57);
        Assert.Equal(Max30102Register.ExpectedPartId, new Max30102(bus.CreateDevice(0x57)).ReadPartId());
    }

    [Fact]
    public void Socket_server_rejects_random_requests_without_throwing()
    {
        using var dir = new TempDirectory();
        using var kit = new EmulatedKit(new SyntheticPatient(), TimeProvider.System);
        using var server = new I2cSocketServer(kit.Bus, dir.File("i2c.sock"));
        var random = new Random(7);
        var answered = 0;
        for (var i = 0; i < 5000; i++)
        {
            var payload = new byte[random.Next(0, 40)];
            random.NextBytes(payload);
            var response = server.Handle(payload);
            Assert.True(response.Length >= 3);
            answered++;
        }

        Assert.Equal(5000, answered);
        Assert.True(server.BadRequests > 4000);
    }

    [Fact]
    public async Task Kit_config_written_by_expose_drives_a_source_over_socket_and_ptys()
    {
        using var dir = new TempDirectory();
        using var kit = new EmulatedKit(new SyntheticPatient(), TimeProvider.System);
        var path = kit.Expose(dir.Path, glucoseIntervalSeconds: 0.5, bloodPressureIntervalSeconds: 0.5);
        var config = KitConfig.Load(path);
        Assert.Equal(5, config.Sensors.Count);
        await using var source = new KitAcquisitionSource(config, TimeProvider.System);
        source.Start();
        var start = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000 * 1000) + 1000;
        _ = await source.ReadWindowAsync(start, 1000, CancellationToken.None);
        var blocks = await source.ReadWindowAsync(start + 1000, 1000, CancellationToken.None);
        var ecg = blocks.Single(b => b.Kind == Protocol.SensorKind.Ecg);
        Assert.True(ecg.Count == 250, $"ECG samples {ecg.Count}, quality {ecg.Quality}");
        Assert.Contains(blocks, b => b.Kind == Protocol.SensorKind.Ppg && b.Count == 100);
        Assert.Contains(blocks, b => b.Kind == Protocol.SensorKind.Glucose && b.Count >= 1);
        Assert.Contains(blocks, b => b.Kind == Protocol.SensorKind.BloodPressureSystolic && b.Count >= 1);
    }

    [Theory]
    [InlineData("""{"i2c":[{"bus":1}],"sensors":[{"chip":"max30100","bus":1,"address":87,"rateHz":100}]}""", "sensors[0].chip 'max30100'")]
    [InlineData("""{"i2c":[{"bus":1}],"sensors":[{"chip":"tmp117","bus":2,"address":74,"rateHz":1}]}""", "sensors[0].bus 2")]
    [InlineData("""{"i2c":[{"bus":1}],"sensors":[{"chip":"tmp117","bus":1,"address":200,"rateHz":1}]}""", "sensors[0].address 200")]
    [InlineData("""{"serial":[{"device":"bp-nmea","path":"/dev/ttyUSB0","baud":1234}]}""", "serial[0].baud 1234")]
    [InlineData("""{"i2c":""", "not valid JSON")]
    public void Invalid_kit_config_is_rejected_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<KitConfigException>(() => KitConfig.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kit_config_round_trips()
    {
        var config = EmulatedKit.Config(new KitBusConfig(1, "/tmp/x.sock"), [new KitSerialConfig("glucose-astm", "/dev/ttyUSB0")]);
        var again = KitConfig.Parse(config.ToJson());
        Assert.Equal(config.Sensors, again.Sensors);
        Assert.Equal(config.Serial, again.Serial);
        Assert.Equal(config.I2c, again.I2c);
    }
}
