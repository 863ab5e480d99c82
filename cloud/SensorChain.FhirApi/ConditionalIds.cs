using System.Security.Cryptography;
using System.Text;
using SensorChain.Ingest.Mapping;

namespace SensorChain.FhirApi;

/// <summary>
/// Conditional create by identifier without a second index: the logical id is a function of (type, identifier), so
/// "does a resource with this identifier exist" is a read by id, and two deliveries of the same resource can only ever
/// write the same row. Observations with the ingest identifier (<c>urn:sensorchain:batch</c>,
/// <c>&lt;device&gt;/&lt;sequence&gt;/&lt;code&gt;</c>) map to the id ingest gives them, so a batch posted over HTTP and
/// the same batch arriving over MQTT are one resource.
/// </summary>
internal static class ConditionalIds
{
    /// <summary>The id of the <paramref name="resourceType"/> carrying identifier <paramref name="system"/>|<paramref name="value"/>.</summary>
    public static string For(string resourceType, string system, string value)
    {
        if (resourceType == "Observation" && system == FhirSystems.BatchIdentifier && BatchFhirMapper.ObservationIdForIdentifier(value) is { } ingestId)
        {
            return ingestId;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{resourceType}\n{system}\n{value}"));
        return "i" + Convert.ToHexStringLower(hash.AsSpan(0, 20));
    }
}
