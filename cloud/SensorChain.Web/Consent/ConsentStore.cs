using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Consent;

/// <summary>
/// Consent grants in web.db (as our record and as FHIR Consent JSON) with an in-memory copy, so every access
/// check is cheap. <see cref="Changed"/> fires after each grant or revocation so live streams re-check at once.
/// </summary>
public sealed class ConsentStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly WebDatabase _database;
    private readonly IConsentLedger _ledger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsentGrant> _grants = [];

    /// <summary>Loads the grants.</summary>
    public ConsentStore(WebDatabase database, IConsentLedger ledger, TimeProvider time)
    {
        _database = database;
        _ledger = ledger;
        _time = time;
        foreach (var grant in database.Query("SELECT grant_json FROM consents", r => JsonSerializer.Deserialize<ConsentGrant>(r.GetString(0), Json)!))
        {
            _grants[grant.Id] = grant;
        }
    }

    /// <summary>Raised with the patient id after a grant or revocation is stored.</summary>
    public event Action<string>? Changed;

    /// <summary>All grants (active and revoked) of a patient, newest first.</summary>
    public IReadOnlyList<ConsentGrant> ForPatient(string patientId)
    {
        lock (_gate)
        {
            return _grants.Values.Where(g => g.PatientId == patientId).OrderByDescending(g => g.UpdatedAt).ToList();
        }
    }

    /// <summary>Every grant in force at <paramref name="now"/>.</summary>
    public IReadOnlyList<ConsentGrant> InForce(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _grants.Values.Where(g => g.InForceAt(now)).ToList();
        }
    }

    /// <summary>A grant by id, or null.</summary>
    public ConsentGrant? Find(string id)
    {
        lock (_gate)
        {
            return _grants.GetValueOrDefault(id);
        }
    }

    /// <summary>Stores a new grant.</summary>
    public async Task<ConsentGrant> GrantAsync(
        string patientId, GranteeType grantee, string granteeId, string granteeDisplay, string granteeReferenceType,
        IReadOnlyList<DataCategory> categories, IReadOnlyList<string> revealedFields, DateTimeOffset? start, DateTimeOffset? end,
        CancellationToken cancellationToken)
    {
        if (categories.Count == 0)
        {
            throw new ArgumentException("A grant names at least one data category.", nameof(categories));
        }

        if (start is not null && end is not null && end <= start)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(end));
        }

        var grant = new ConsentGrant("consent-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), patientId, grantee, granteeId,
            granteeDisplay, categories.Distinct().ToList(), revealedFields.Distinct().ToList(), start, end, true, 1, _time.GetUtcNow());
        await SaveAsync(grant, granteeReferenceType, cancellationToken);
        return grant;
    }

    /// <summary>Revokes a grant at once; returns the revoked grant, or null when unknown or not the patient's.</summary>
    public async Task<ConsentGrant?> RevokeAsync(string patientId, string consentId, CancellationToken cancellationToken)
    {
        var current = Find(consentId);
        if (current is null || current.PatientId != patientId)
        {
            return null;
        }

        if (!current.Active)
        {
            return current;
        }

        var revoked = current with { Active = false, Version = current.Version + 1, UpdatedAt = _time.GetUtcNow() };
        await SaveAsync(revoked, ReferenceTypeOf(current), cancellationToken);
        return revoked;
    }

    /// <summary>The stored FHIR Consent JSON of a grant, or null.</summary>
    public string? FhirJson(string consentId) =>
        _database.Query("SELECT fhir_json FROM consents WHERE id = $id", r => r.GetString(0), ("$id", consentId)).FirstOrDefault();

    private async Task SaveAsync(ConsentGrant grant, string granteeReferenceType, CancellationToken cancellationToken)
    {
        var fhir = ConsentFhir.ToFhir(grant, granteeReferenceType).ToJsonString();
        _database.Execute(
            "INSERT INTO consents(id, patient_id, version, grant_json, fhir_json, updated_ms) VALUES($id,$p,$v,$g,$f,$t) " +
            "ON CONFLICT(id) DO UPDATE SET version=$v, grant_json=$g, fhir_json=$f, updated_ms=$t",
            ("$id", grant.Id), ("$p", grant.PatientId), ("$v", grant.Version), ("$g", JsonSerializer.Serialize(grant, Json)), ("$f", fhir),
            ("$t", grant.UpdatedAt.ToUnixTimeMilliseconds()));
        lock (_gate)
        {
            _grants[grant.Id] = grant;
        }

        Changed?.Invoke(grant.PatientId);
        await _ledger.RecordAsync(grant, cancellationToken);
    }

    private string ReferenceTypeOf(ConsentGrant grant)
    {
        var json = FhirJson(grant.Id);
        if (json is null || grant.Grantee != GranteeType.Person)
        {
            return grant.Grantee == GranteeType.Organization ? "Organization" : "Practitioner";
        }

        using var doc = JsonDocument.Parse(json);
        var reference = doc.RootElement.GetProperty("provision").GetProperty("actor")[0].GetProperty("reference").GetProperty("reference").GetString() ?? "Practitioner/";
        return reference[..reference.IndexOf('/', StringComparison.Ordinal)];
    }
}
