using System.Text.Json.Serialization;
using SensorChain.Fhir.Serialization;

namespace SensorChain.Fhir;

/// <summary>Message payload of a Communication (content[x]: string or Reference).</summary>
public sealed record CommunicationPayload : IJsonOnSerializing, IJsonOnDeserialized
{
    /// <summary>content[x] as string.</summary>
    public string? ContentString { get; init; }

    /// <summary>content[x] as Reference.</summary>
    public ResourceReference? ContentReference { get; init; }

    void IJsonOnSerializing.OnSerializing() => Check();

    void IJsonOnDeserialized.OnDeserialized() => Check();

    private void Check()
    {
        Choice.AtMostOne("content", ContentString, ContentReference);
        Choice.Required("payload.content[x]", (object?)ContentString ?? ContentReference);
    }
}
