using System.Collections.Concurrent;
using SensorChain.Edge.Hardware.Bus;

namespace SensorChain.FirmwareSim.Chips.I2c;

/// <summary>
/// An in-process I2C bus that routes each transaction to the emulated chip at its address; absent or unplugged
/// addresses NACK, as on a real bus. Faults: <see cref="Unplug"/>, <see cref="Plug"/>, <see cref="NackNext"/>.
/// </summary>
public sealed class EmulatedI2cBus : II2cBus, II2cTransport
{
    private readonly ConcurrentDictionary<int, IEmulatedI2cChip> _chips = new();
    private readonly ConcurrentDictionary<int, bool> _unplugged = new();
    private readonly ConcurrentDictionary<int, int> _nacks = new();

    /// <summary>Creates an empty bus.</summary>
    public EmulatedI2cBus(int busId = 1) => BusId = busId;

    /// <inheritdoc />
    public int BusId { get; }

    /// <summary>Transactions served.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    private long _transactions;

    /// <summary>Connects a chip.</summary>
    public void Attach(IEmulatedI2cChip chip)
    {
        if (!_chips.TryAdd(chip.Address, chip))
        {
            throw new InvalidOperationException($"Address 0x{chip.Address:X2} is already taken on bus {BusId}.");
        }
    }

    /// <summary>Disconnects the chip at the address (it NACKs until <see cref="Plug"/>).</summary>
    public void Unplug(int address) => _unplugged[address] = true;

    /// <summary>Reconnects the chip at the address.</summary>
    public void Plug(int address) => _unplugged.TryRemove(address, out _);

    /// <summary>The next <paramref name="count"/> transactions to the address NACK.</summary>
    public void NackNext(int address, int count) => _nacks[address] = count;

    /// <inheritdoc />
    public I2cDevice CreateDevice(int deviceAddress) => new BusI2cDevice(this, new I2cConnectionSettings(BusId, deviceAddress));

    /// <inheritdoc />
    public void Transfer(int address, ReadOnlySpan<byte> write, Span<byte> read)
    {
        Interlocked.Increment(ref _transactions);
        if (!_chips.TryGetValue(address, out var chip) || _unplugged.ContainsKey(address))
        {
            throw new I2cNackException($"No device acknowledged address 0x{address:X2} on bus {BusId}.");
        }

        if (_nacks.TryGetValue(address, out var pending) && pending > 0)
        {
            _nacks[address] = pending - 1;
            throw new I2cNackException($"Device 0x{address:X2} did not acknowledge (injected).");
        }

        chip.Transfer(write, read);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
