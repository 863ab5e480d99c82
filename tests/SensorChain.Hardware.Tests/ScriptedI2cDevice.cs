using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.Hardware.Tests;

/// <summary>A dotnet/iot-style fake device: records writes and answers reads from a register map.</summary>
internal sealed class ScriptedI2cDevice : I2cDevice
{
    public Dictionary<byte, byte[]> Registers { get; } = [];

    public List<byte[]> Writes { get; } = [];

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x57);

    public override void Read(Span<byte> buffer) => throw new NotSupportedException();

    public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(buffer.ToArray());

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Writes.Add(writeBuffer.ToArray());
        Registers[writeBuffer[0]].AsSpan(0, readBuffer.Length).CopyTo(readBuffer);
    }
}
