using System.Text.Json.Serialization;

namespace SensorChain.Ledger.Etcd;

/// <summary>One pending submission as sequenced into a checkpoint.</summary>
/// <param name="Key">The etcd key of the submission.</param>
/// <param name="Count">How many entries it contributed.</param>
public sealed record SequencedSubmission([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("count")] int Count);
