using System.Text.Json;

namespace SensorChain.Ledger.Witnessing;

/// <summary>Witness state in a small JSON file, replaced atomically (write, flush, rename).</summary>
public sealed class FileWitnessStateStore : IWitnessStateStore
{
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WitnessState> _states;

    /// <summary>Opens (or starts) the file at <paramref name="path"/>.</summary>
    public FileWitnessStateStore(string path)
    {
        _path = path;
        _states = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, WitnessState>>(File.ReadAllText(path)) ?? []
            : [];
    }

    /// <inheritdoc />
    public WitnessState? Get(string origin)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault(origin);
        }
    }

    /// <inheritdoc />
    public void Set(string origin, WitnessState state)
    {
        lock (_gate)
        {
            _states[origin] = state;
            var temp = _path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, _states);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
    }
}
