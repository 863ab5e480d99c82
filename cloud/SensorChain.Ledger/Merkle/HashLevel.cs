namespace SensorChain.Ledger.Merkle;

/// <summary>A growable run of 32-byte hashes stored contiguously (one level of a Merkle tree).</summary>
internal sealed class HashLevel
{
    private byte[] _buffer = new byte[MerkleHash.Size * 1024];

    public long Count { get; private set; }

    public ReadOnlySpan<byte> this[long index] => _buffer.AsSpan(checked((int)(index * MerkleHash.Size)), MerkleHash.Size);

    public Span<byte> Add()
    {
        var offset = Count * MerkleHash.Size;
        if (offset + MerkleHash.Size > _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }

        Count++;
        return _buffer.AsSpan((int)offset, MerkleHash.Size);
    }

    public void Truncate(long count) => Count = Math.Min(Count, count);

    public ReadOnlySpan<byte> Range(long start, int count) =>
        _buffer.AsSpan(checked((int)(start * MerkleHash.Size)), count * MerkleHash.Size);
}
