using SensorChain.Edge.Hardware.Drivers.Ads1115;
using SensorChain.Edge.Hardware.Drivers.Adxl345;
using SensorChain.Edge.Hardware.Drivers.Max30102;
using SensorChain.Edge.Hardware.Drivers.Tmp117;
using SensorChain.FirmwareSim.Chips.I2c;
using SensorChain.FirmwareSim.Chips.Signals;
using SensorChain.TestSupport;

namespace SensorChain.Hardware.Tests;

public sealed class DriverTests
{
    [Fact]
    public void Max30102_counts_samples_from_pointers_and_masks_18_bits()
    {
        var device = new ScriptedI2cDevice();
        device.Registers[Max30102Register.FifoWritePointer] = [5, 0, 3];
        device.Registers[Max30102Register.FifoData] = [0xFF, 0x12, 0x34, 0x01, 0x00, 0x01, 0x00, 0x00, 0x07, 0x03, 0xFF, 0xFF];
        var samples = new PpgSample[32];
        var n = new Max30102(device).ReadFifo(samples);
        Assert.Equal(2, n);
        Assert.Equal(new PpgSample(0x31234, 0x10001), samples[0]);
        Assert.Equal(new PpgSample(7, 0x3FFFF), samples[1]);
    }

    [Fact]
    public void Max30102_overflow_counter_means_full_fifo()
    {
        var device = new ScriptedI2cDevice();
        device.Registers[Max30102Register.FifoWritePointer] = [9, 4, 9];
        device.Registers[Max30102Register.FifoData] = new byte[32 * 6];
        var driver = new Max30102(device);
        Assert.Equal(32, driver.ReadFifo(new PpgSample[32]));
        Assert.Equal(4, driver.SamplesLost);
    }

    [Fact]
    public void Emulated_max30102_fills_fifo_at_sample_rate_and_loses_samples_when_not_read()
    {
        var time = new ManualTimeProvider();
        var bus = new EmulatedI2cBus();
        bus.Attach(new Max30102Chip(new SyntheticPatient(), new ChipClock(time)));
        var driver = new Max30102(bus.CreateDevice(Max30102.DefaultI2cAddress));
        driver.ConfigureSpO2(100);
        var samples = new PpgSample[32];
        time.Advance(TimeSpan.FromMilliseconds(105));
        var n = driver.ReadFifo(samples);
        Assert.InRange(n, 10, 11);
        Assert.InRange(samples[0].Ir, 100_000, 140_000);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(32, driver.ReadFifo(samples));
        Assert.Equal(31, driver.SamplesLost); // OVF_COUNTER saturates at 0x1F
        Assert.Equal(0, driver.ReadFifo(samples));
    }

    [Fact]
    public void Emulated_ads1115_single_shot_is_busy_for_one_conversion_period()
    {
        var time = new ManualTimeProvider();
        var bus = new EmulatedI2cBus();
        bus.Attach(new Ads1115Chip(0x48, new ChipClock(time), (_, ain) => ain == 2 ? 1.234 : 0));
        var adc = new Ads1115(bus.CreateDevice(0x48));
        Assert.True(adc.IsConversionReady());
        adc.StartSingleShot(Ads1115Input.Ain2, 1, 128);
        Assert.False(adc.IsConversionReady());
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.False(adc.IsConversionReady());
        time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.True(adc.IsConversionReady());
        Assert.Equal(1.234, adc.ReadVolts(), 3);
        Assert.Equal(0x8000 | (6 << 12) | (1 << 9) | 0x100 | (4 << 5) | 3, adc.ReadConfig());
    }

    [Fact]
    public void Emulated_ads1115_continuous_mode_tracks_input_and_clips_at_full_scale()
    {
        var time = new ManualTimeProvider();
        var volts = 0.5;
        var bus = new EmulatedI2cBus();
        bus.Attach(new Ads1115Chip(0x48, new ChipClock(time), (_, _) => volts));
        var adc = new Ads1115(bus.CreateDevice(0x48));
        adc.StartContinuous(Ads1115Input.Ain0, 3, 860);
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(0.5, adc.ReadVolts(), 3);
        volts = 2.0;
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(short.MaxValue, adc.ReadRaw());
    }

    [Fact]
    public void Emulated_tmp117_sets_data_ready_once_per_conversion()
    {
        var time = new ManualTimeProvider();
        var bus = new EmulatedI2cBus();
        bus.Attach(new Tmp117Chip(0x4A, new ChipClock(time), _ => 37.25));
        var sensor = new Tmp117(bus.CreateDevice(0x4A));
        sensor.Configure();
        Assert.Null(sensor.TryRead());
        time.Advance(TimeSpan.FromSeconds(1.01));
        Assert.Equal(37.25, sensor.TryRead()!.Value, 2);
        Assert.Null(sensor.TryRead());
    }

    [Fact]
    public void Emulated_adxl345_streams_fifo_and_latches_free_fall()
    {
        var time = new ManualTimeProvider();
        var bus = new EmulatedI2cBus();
        var patient = new SyntheticPatient("fall");
        bus.Attach(new Adxl345Chip(patient, new ChipClock(time)));
        var accel = new Adxl345(bus.CreateDevice(Adxl345.DefaultI2cAddress));
        accel.Configure(0x0A);
        var samples = new AccelSample[32];
        time.Advance(TimeSpan.FromMilliseconds(205));
        var n = accel.ReadFifo(samples);
        Assert.InRange(n, 20, 21);
        Assert.Equal(1.0, samples[0].Y, 1);
        Assert.Equal(0, accel.ReadInterruptSource() & Adxl345Register.FreeFall);
        time.Advance(TimeSpan.FromSeconds(SyntheticPatient.FallAt + 0.3 - 0.205));
        Assert.Equal(32, accel.ReadFifo(samples));
        Assert.NotEqual(0, accel.ReadInterruptSource() & Adxl345Register.FreeFall);
        Assert.Equal(0, accel.ReadInterruptSource() & Adxl345Register.FreeFall);
    }

    [Fact]
    public void Wrong_part_id_is_reported_by_name()
    {
        var device = new ScriptedI2cDevice();
        device.Registers[Max30102Register.PartId] = [0x11];
        var error = Assert.Throws<IOException>(() => new Max30102(device).ConfigureSpO2());
        Assert.Contains("PART_ID 0x11", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 1, BodyPosition.Supine)]
    [InlineData(0, 0, -1, BodyPosition.Prone)]
    [InlineData(-1, 0, 0, BodyPosition.Left)]
    [InlineData(1, 0, 0, BodyPosition.Right)]
    [InlineData(0, 1, 0, BodyPosition.Upright)]
    [InlineData(0, 0.8, 0.6, BodyPosition.Upright)]
    [InlineData(0.1, 0.5, 0.86, BodyPosition.Supine)]
    [InlineData(0.1, 0.1, 0.1, BodyPosition.Unknown)]
    public void Posture_follows_gravity(double x, double y, double z, BodyPosition expected) =>
        Assert.Equal(expected, PostureClassifier.Classify(new AccelSample(x, y, z)));
}
