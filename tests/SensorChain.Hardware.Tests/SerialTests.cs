using System.Text;
using SensorChain.Edge.Hardware.Drivers.BloodPressure;
using SensorChain.Edge.Hardware.Drivers.GlucoseMeter;
using SensorChain.Edge.Hardware.Kit;
using SensorChain.Edge.Hardware.Serial;
using SensorChain.FirmwareSim.Chips.I2c;
using SensorChain.FirmwareSim.Chips.Serial;
using SensorChain.FirmwareSim.Chips.Signals;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Hardware.Tests;

public sealed class SerialTests
{
    [Fact]
    public void Astm_frame_round_trips_and_checksum_matches_the_standard_example()
    {
        var frame = AstmFrame.Encode(1, "R|1|^^^Glucose|105|mg/dL^P||||20261122042000\r");
        Assert.Equal("R|1|^^^Glucose|105|mg/dL^P||||20261122042000\r", AstmFrame.TryDecode(frame, out var error));
        Assert.Null(error);
        // Sum of "1", "L|1\r" and ETX: 0x31+0x4C+0x7C+0x31+0x0D+0x03 = 0x13A -> "3A".
        Assert.Equal("3A", Encoding.ASCII.GetString(AstmFrame.Encode(1, "L|1\r")[^4..^2]));
    }

    [Fact]
    public void Astm_frame_with_flipped_byte_is_rejected()
    {
        var frame = AstmFrame.Encode(2, "R|1|^^^Glucose|105|mg/dL^P\r");
        frame[12] ^= 0x01;
        Assert.Null(AstmFrame.TryDecode(frame, out var error));
        Assert.Contains("checksum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Glucose_in_mmol_is_converted_and_garbage_units_rejected()
    {
        Assert.True(GlucoseRecordParser.TryParse("R|1|^^^Glucose|5.5|mmol/L^P||||x", out var reading, out _));
        Assert.Equal(99.1, reading.MgPerDl, 1);
        Assert.False(GlucoseRecordParser.TryParse("R|1|^^^Glucose|5.5|furlong^P", out _, out var error));
        Assert.Contains("furlong", error, StringComparison.Ordinal);
        Assert.False(GlucoseRecordParser.TryParse("H|\\^&", out _, out error));
        Assert.Null(error);
    }

    [Fact]
    public void Bp_sentence_round_trips_and_rejects_bad_checksum_and_cuff_errors()
    {
        var line = BloodPressureSentenceParser.Format(new BloodPressureReading(122, 78, 93, 72)).TrimEnd();
        Assert.True(BloodPressureSentenceParser.TryParse(line, out var reading, out _));
        Assert.Equal(new BloodPressureReading(122, 78, 93, 72), reading);
        Assert.False(BloodPressureSentenceParser.TryParse(line.Replace("122", "123", StringComparison.Ordinal), out _, out var error));
        Assert.Contains("checksum", error, StringComparison.Ordinal);
        Assert.False(BloodPressureSentenceParser.TryParse(BloodPressureSentenceParser.Format(new BloodPressureReading(0, 0, 0, 0), 2).TrimEnd(), out _, out error));
        Assert.Contains("error 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsers_never_throw_on_random_bytes()
    {
        var random = new Random(1234);
        var valid = AstmFrame.Encode(1, "R|1|^^^Glucose|105|mg/dL^P\r");
        var sentence = BloodPressureSentenceParser.Format(new BloodPressureReading(120, 80, 93, 70));
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 0)
            {
                // Mutations of valid frames reach deeper branches.
                bytes = (byte[])valid.Clone();
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var text = AstmFrame.TryDecode(bytes, out _);
            if (text is not null)
            {
                _ = GlucoseRecordParser.TryParse(text, out _, out _);
            }

            var line = i % 3 == 0 ? sentence.Remove(random.Next(sentence.Length), 1) : Encoding.Latin1.GetString(bytes);
            _ = BloodPressureSentenceParser.TryParse(line, out _, out _);
            _ = GlucoseRecordParser.TryParse(Encoding.Latin1.GetString(bytes), out _, out _);
        }
    }

    [Fact]
    public void Bad_checksum_on_the_line_flags_parse_error_and_next_frame_is_accepted()
    {
        var time = new ManualTimeProvider();
        using var meter = new GlucoseMeterSensor(() => throw new IOException("not used"), time);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var bad = AstmFrame.Encode(2, "R|1|^^^Glucose|105|mg/dL^P\r");
        bad[^3] = (byte)'Z';
        meter.Feed(bad, now + 100, null);
        meter.Feed(AstmFrame.Encode(3, "R|1|^^^Glucose|110|mg/dL^P\r"), now + 1200, null);
        var first = new List<ChannelBlock>();
        meter.Collect(now, 1000, first);
        Assert.True(first.Single().Quality.HasFlag(SignalQuality.ParseError));
        Assert.Empty(first.Single().Values);
        var second = new List<ChannelBlock>();
        meter.Collect(now + 1000, 1000, second);
        Assert.Equal([110L], second.Single().Values);
        Assert.Equal([200u], second.Single().OffsetsMs!);
        Assert.False(second.Single().Quality.HasFlag(SignalQuality.ParseError));
    }

    [Fact]
    public unsafe void Pseudo_terminal_carries_all_byte_values_unchanged()
    {
        using var pty = PseudoTerminal.Open();
        using var port = TermiosSerialPort.Open(pty.SlavePath, 115200, TimeSpan.FromMilliseconds(200));
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(256, pty.Write(all));
        var received = new List<byte>();
        var buffer = new byte[512];
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (received.Count < 256 && DateTime.UtcNow < deadline)
        {
            received.AddRange(buffer.AsSpan(0, port.Read(buffer)).ToArray());
        }

        Assert.Equal(all, received);
        port.Write("ACK"u8);
        Thread.Sleep(50);
        Assert.Equal(3, pty.Read(buffer));
    }

    [Fact]
    public async Task Serial_devices_over_ptys_deliver_readings_and_recover_after_unplug()
    {
        using var dir = new TempDirectory();
        var clock = new ChipClock(TimeProvider.System);
        using var cuff = new BloodPressureMonitorDevice(new SyntheticPatient(), clock, dir.File("bp.tty"), intervalSeconds: 0.5);
        cuff.Start();
        using var sensor = new BloodPressureSensor(() => TermiosSerialPort.Open(cuff.LinkPath, 9600, TimeSpan.FromMilliseconds(100)), TimeProvider.System);
        sensor.Start();
        await WaitUntil(() => sensor.Readings >= 2);

        cuff.Unplug();
        await WaitUntil(() => !sensor.Connected);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var blocks = new List<ChannelBlock>();
        sensor.Collect(now - 500, 1000, blocks);
        Assert.True(blocks[0].Quality.HasFlag(SignalQuality.DeviceFault));

        var before = sensor.Readings;
        cuff.Plug();
        await WaitUntil(() => sensor.Readings > before + 1);
        Assert.True(sensor.Connected);
        Assert.Equal(0, sensor.ParseErrors);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
