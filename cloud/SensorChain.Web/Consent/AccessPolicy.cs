using SensorChain.Web.Accounts;

namespace SensorChain.Web.Consent;

/// <summary>
/// Decides, from role and consent, which data categories of a patient a user may see now. Patients see their own
/// record; caregivers and doctors see what a grant in force gives them (doctors also through their organization);
/// organization admins and researchers see no identified patient data.
/// </summary>
public sealed class AccessPolicy(ConsentStore consents, TimeProvider time)
{
    /// <summary>Categories of <paramref name="patientId"/> that <paramref name="user"/> may see now (empty: none).</summary>
    public IReadOnlySet<DataCategory> AllowedCategories(WebUser user, string patientId)
    {
        if (user.Role == Role.Patient)
        {
            return user.PatientId == patientId
                ? new HashSet<DataCategory> { DataCategory.Vitals, DataCategory.Waveforms, DataCategory.Location, DataCategory.Glucose }
                : new HashSet<DataCategory>();
        }

        var allowed = new HashSet<DataCategory>();
        foreach (var grant in GrantsFor(user, patientId))
        {
            allowed.UnionWith(grant.Categories.Where(c => c != DataCategory.Research));
        }

        return allowed;
    }

    /// <summary>Private profile fields <paramref name="user"/> may see.</summary>
    public IReadOnlyCollection<string> RevealedFields(WebUser user, string patientId) =>
        user.IsOwnRecord(patientId) ? PatientProfile.FieldNames : GrantsFor(user, patientId).SelectMany(g => g.RevealedFields).ToHashSet();

    /// <summary>True when <paramref name="user"/> may see <paramref name="category"/> of <paramref name="patientId"/> now.</summary>
    public bool Allows(WebUser user, string patientId, DataCategory category) => AllowedCategories(user, patientId).Contains(category);

    /// <summary>Patients for whom <paramref name="user"/> has any access now.</summary>
    public IReadOnlyList<string> VisiblePatients(WebUser user)
    {
        if (user.Role == Role.Patient)
        {
            return user.PatientId is null ? [] : [user.PatientId];
        }

        return consents.InForce(time.GetUtcNow()).Select(g => g.PatientId).Distinct()
            .Where(p => AllowedCategories(user, p).Count > 0).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    /// <summary>Patients who consented to research now.</summary>
    public IReadOnlyList<string> ResearchPatients() =>
        consents.InForce(time.GetUtcNow()).Where(g => g.Grantee == GranteeType.Research && g.Categories.Contains(DataCategory.Research))
            .Select(g => g.PatientId).Distinct().ToList();

    private IEnumerable<ConsentGrant> GrantsFor(WebUser user, string patientId)
    {
        if (user.Role is not (Role.Caregiver or Role.Doctor))
        {
            yield break;
        }

        var now = time.GetUtcNow();
        foreach (var grant in consents.ForPatient(patientId))
        {
            if (!grant.InForceAt(now))
            {
                continue;
            }

            var matches = grant.Grantee switch
            {
                GranteeType.Person => grant.GranteeId == user.Id,
                GranteeType.Organization => user.Role == Role.Doctor && user.OrganizationId is not null && grant.GranteeId == user.OrganizationId,
                _ => false,
            };
            if (matches)
            {
                yield return grant;
            }
        }
    }
}
