using System.Buffers.Binary;
using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.Edge.Hardware.Drivers.Tmp117;

/// <summary>
/// Driver for the TI TMP117 ±0.1 °C digital temperature sensor (SNOSD82): continuous conversion, 7.8125 m°C/LSB,
/// Data_Ready flag in the configuration register (cleared when the configuration register is read).
/// </summary>
public sealed class Tmp117
{
    /// <summary>ADD0 to GND (0x49 V+, 0x4A SDA, 0x4B SCL).</summary>
    public const int DefaultI2cAddress = 0x48;

    public const byte TemperatureResult = 0x00;
    public const byte Configuration = 0x01;
    public const byte DeviceIdRegister = 0x0F;

    /// <summary>DEVICE_ID[11:0] of a TMP117.</summary>
    public const ushort ExpectedDeviceId = 0x0117;

    /// <summary>Configuration bit 13: conversion complete since the last read of the configuration register.</summary>
    public const ushort DataReady = 0x2000;

    /// <summary>°C per LSB.</summary>
    public const double Resolution = 0.0078125;

    private readonly I2cDevice _device;

    /// <summary>Wraps the device.</summary>
    public Tmp117(I2cDevice device) => _device = device;

    /// <summary>Checks the device ID and selects continuous conversion, 8 averages, 1 s cycle (CONV = 100, AVG = 01).</summary>
    public void Configure()
    {
        var id = ReadRegister(DeviceIdRegister) & 0x0FFF;
        if (id != ExpectedDeviceId)
        {
            throw new IOException($"Device reports ID 0x{id:X3}, not a TMP117 (0x117).");
        }

        WriteRegister(Configuration, (ushort)((0b00 << 10) | (0b100 << 7) | (0b01 << 5)));
    }

    /// <summary>Returns the new temperature when a conversion finished since the last call; null otherwise.</summary>
    public double? TryRead()
    {
        if ((ReadRegister(Configuration) & DataReady) == 0)
        {
            return null;
        }

        return (short)ReadRegister(TemperatureResult) * Resolution;
    }

    private ushort ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[2];
        _device.WriteRead([register], value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }

    private void WriteRegister(byte register, ushort value) => _device.Write([register, (byte)(value >> 8), (byte)value]);
}
