using SensorChain.Edge.Hardware.Drivers.Max30102;
using SensorChain.FirmwareSim.Chips.Signals;
using SensorChain.Protocol;

namespace SensorChain.Hardware.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Unplugged_chip_flags_device_fault_and_recovers_when_plugged_back()
    {
        await using var kit = new KitHarness(new SyntheticPatient());
        kit.Run(2);
        Assert.Equal(SignalQuality.Good, KitHarness.Channel(kit.NextWindow(), SensorKind.Ppg).Quality);

        kit.Kit.Bus.Unplug(Max30102.DefaultI2cAddress);
        var during = kit.NextWindow();
        Assert.True(KitHarness.Channel(during, SensorKind.Ppg).Quality.HasFlag(SignalQuality.DeviceFault));
        Assert.True(KitHarness.Channel(during, SensorKind.HeartRate).Quality.HasFlag(SignalQuality.DeviceFault));
        Assert.Equal(SignalQuality.Good, KitHarness.Channel(during, SensorKind.Ecg).Quality);

        kit.Kit.Bus.Plug(Max30102.DefaultI2cAddress);
        kit.Run(1);
        var after = kit.NextWindow();
        var ppg = KitHarness.Channel(after, SensorKind.Ppg);
        Assert.Equal(SignalQuality.Good, ppg.Quality);
        Assert.Equal(100, ppg.Count);
    }

    [Fact]
    public async Task Transient_nack_is_flagged_only_in_its_window()
    {
        await using var kit = new KitHarness(new SyntheticPatient());
        kit.Run(2);
        kit.Kit.Bus.NackNext(0x4A, 1);
        var window = kit.NextWindow();
        Assert.True(KitHarness.Channel(window, SensorKind.BodyTemperature).Quality.HasFlag(SignalQuality.DeviceFault));
        kit.Run(1);
        var next = kit.NextWindow();
        Assert.Equal(SignalQuality.Good, KitHarness.Channel(next, SensorKind.BodyTemperature).Quality);
        Assert.Equal(1, KitHarness.Channel(next, SensorKind.BodyTemperature).Count);
    }

    [Fact]
    public async Task Stuck_converter_is_flagged_and_clears()
    {
        await using var kit = new KitHarness(new SyntheticPatient());
        kit.Run(2);
        kit.Kit.Ecg.Stuck = true;
        Assert.True(KitHarness.Channel(kit.NextWindow(), SensorKind.Ecg).Quality.HasFlag(SignalQuality.Stuck));
        kit.Kit.Ecg.Stuck = false;
        Assert.Equal(SignalQuality.Good, KitHarness.Channel(kit.NextWindow(), SensorKind.Ecg).Quality);
    }

    [Fact]
    public async Task Stuck_ppg_fifo_is_flagged()
    {
        await using var kit = new KitHarness(new SyntheticPatient());
        kit.Run(2);
        kit.Kit.Ppg.Stuck = true;
        kit.Run(0.2);
        Assert.True(KitHarness.Channel(kit.NextWindow(), SensorKind.Ppg).Quality.HasFlag(SignalQuality.Stuck));
    }

    [Fact]
    public async Task Lead_off_is_flagged_on_ecg_and_clears_when_electrodes_return()
    {
        await using var kit = new KitHarness(new SyntheticPatient());
        kit.Run(2);
        kit.Kit.Source.LeadsOff = true;
        var off = KitHarness.Channel(kit.NextWindow(), SensorKind.Ecg);
        Assert.True(off.Quality.HasFlag(SignalQuality.LeadOff));
        kit.Kit.Source.LeadsOff = false;
        kit.Run(0.5);
        Assert.False(KitHarness.Channel(kit.NextWindow(), SensorKind.Ecg).Quality.HasFlag(SignalQuality.LeadOff));
    }

    [Fact]
    public async Task Finger_off_is_flagged_detached_with_no_vitals_and_recovers()
    {
        await using var kit = new KitHarness(new SyntheticPatient());
        kit.Run(5);
        kit.Kit.Source.FingerOff = true;
        kit.Run(1);
        var off = kit.NextWindow();
        Assert.True(KitHarness.Channel(off, SensorKind.Ppg).Quality.HasFlag(SignalQuality.Detached));
        Assert.Empty(KitHarness.Channel(off, SensorKind.HeartRate).Values);
        Assert.Empty(KitHarness.Channel(off, SensorKind.SpO2).Values);

        kit.Kit.Source.FingerOff = false;
        kit.Run(9);
        var back = kit.NextWindow();
        Assert.Equal(SignalQuality.Good, KitHarness.Channel(back, SensorKind.HeartRate).Quality);
        Assert.InRange(KitHarness.Channel(back, SensorKind.HeartRate).ValueAt(0), 70, 74);
    }

    [Fact]
    public async Task Sensor_detached_scenario_flags_ppg_and_ecg_during_detachment_only()
    {
        await using var kit = new KitHarness(new SyntheticPatient("sensor-detached"));
        kit.Run(SyntheticPatient.DetachFrom + 2);
        var during = kit.NextWindow();
        Assert.True(KitHarness.Channel(during, SensorKind.Ppg).Quality.HasFlag(SignalQuality.Detached));
        Assert.True(KitHarness.Channel(during, SensorKind.Ecg).Quality.HasFlag(SignalQuality.LeadOff));
        kit.Run(SyntheticPatient.DetachTo + 1 - kit.Seconds);
        var after = kit.NextWindow();
        Assert.False(KitHarness.Channel(after, SensorKind.Ecg).Quality.HasFlag(SignalQuality.LeadOff));
        Assert.False(KitHarness.Channel(after, SensorKind.Ppg).Quality.HasFlag(SignalQuality.Detached));
    }
}
