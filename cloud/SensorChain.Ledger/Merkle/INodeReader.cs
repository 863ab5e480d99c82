namespace SensorChain.Ledger.Merkle;

/// <summary>Reads the hash of a complete, aligned subtree: level 0 = leaf hashes, level k = roots of 2^k leaves.</summary>
public interface INodeReader
{
    /// <summary>The hash of node <paramref name="index"/> at <paramref name="level"/>.</summary>
    byte[] Node(int level, long index);
}
