using SensorChain.Ledger.Merkle;

namespace SensorChain.Ledger.Tiles;

/// <summary>
/// Reads Merkle nodes of a tree of known size from tlog-tiles (fetched through a delegate, cached), so a client can
/// recompute roots and proofs from tiles alone and compare them with a signed checkpoint.
/// </summary>
public sealed class TileNodeReader : INodeReader
{
    private readonly Func<TilePath, byte[]?> _fetch;
    private readonly long _treeSize;
    private readonly Dictionary<TilePath, byte[]> _cache = [];

    /// <summary>Creates a reader for the tree of <paramref name="treeSize"/> leaves.</summary>
    public TileNodeReader(long treeSize, Func<TilePath, byte[]?> fetch)
    {
        _treeSize = treeSize;
        _fetch = fetch;
    }

    /// <inheritdoc />
    public byte[] Node(int level, long index)
    {
        if (level % 8 != 0)
        {
            return MerkleHash.Node(Node(level - 1, 2 * index), Node(level - 1, (2 * index) + 1));
        }

        var tileLevel = level / 8;
        var tileIndex = index / TilePath.FullWidth;
        var count = _treeSize >> level;
        var width = (int)Math.Min(TilePath.FullWidth, count - (tileIndex * TilePath.FullWidth));
        if (width <= 0)
        {
            throw new InvalidDataException($"Node {level}/{index} is beyond the tree of size {_treeSize}.");
        }

        var path = new TilePath(tileLevel, tileIndex, width);
        if (!_cache.TryGetValue(path, out var tile))
        {
            tile = _fetch(path) ?? throw new InvalidDataException($"Tile {path} is missing.");
            if (tile.Length != width * MerkleHash.Size)
            {
                throw new InvalidDataException($"Tile {path} has {tile.Length} bytes, expected {width * MerkleHash.Size}.");
            }

            _cache[path] = tile;
        }

        return tile.AsSpan((int)(index % TilePath.FullWidth) * MerkleHash.Size, MerkleHash.Size).ToArray();
    }
}
