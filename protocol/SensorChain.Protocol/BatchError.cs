namespace SensorChain.Protocol;

/// <summary>A decoding failure: which field, what rule, and where.</summary>
/// <param name="Code">The rule that was broken.</param>
/// <param name="Field">The field, e.g. <c>channels[2].unit</c>.</param>
/// <param name="Offset">Byte offset where the field starts.</param>
/// <param name="Detail">A sentence for operators.</param>
public sealed record BatchError(BatchErrorCode Code, string Field, int Offset, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} in {Field} at byte {Offset}: {Detail}";
}
