using Microsoft.Extensions.DependencyInjection;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Accounts;

/// <summary>
/// Seeds the demo: one user of each role, a profile per patient, and consents (the patient lets the caregiver see
/// vitals and waveforms, the hospital all clinical data, and agrees to research). Idempotent.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The demo organization.</summary>
    public const string Organization = "org-general-hospital";

    /// <summary>Seeds and returns the logins. The first patient id gets the patient account.</summary>
    public static async Task<IReadOnlyList<DemoCredential>> SeedAsync(IServiceProvider services, IReadOnlyList<string> patientIds, CancellationToken cancellationToken)
    {
        if (patientIds.Count == 0)
        {
            throw new ArgumentException("The demo needs at least one patient id.", nameof(patientIds));
        }

        var accounts = services.GetRequiredService<AccountStore>();
        var consents = services.GetRequiredService<ConsentStore>();
        var profiles = services.GetRequiredService<PatientProfileStore>();
        var credentials = new List<DemoCredential>
        {
            new("alice", "alice-demo-2026", Role.Patient, "Alice Example"),
            new("carol", "carol-demo-2026", Role.Caregiver, "Carol Example (daughter)"),
            new("dr.dave", "dave-demo-2026", Role.Doctor, "Dr Dave Doe"),
            new("olivia", "olivia-demo-2026", Role.OrganizationAdmin, "Olivia Admin"),
            new("rita", "rita-demo-2026", Role.Researcher, "Rita Research"),
        };
        var created = new Dictionary<string, UserAccount>();
        foreach (var c in credentials)
        {
            var org = c.Role is Role.Doctor or Role.OrganizationAdmin or Role.Researcher ? Organization : null;
            created[c.Username] = accounts.FindByUsername(c.Username)
                ?? accounts.Create(c.Username, c.Password, c.DisplayName, c.Role, org, c.Role == Role.Patient ? patientIds[0] : null);
        }

        for (var i = 0; i < patientIds.Count; i++)
        {
            var patientId = patientIds[i];
            if (profiles.Find(patientId) is null)
            {
                profiles.Save(i == 0
                    ? new PatientProfile(patientId, "Alice Example", new DateOnly(1948, 3, 14), "+1 555 0100", "12 Example Road, Springfield", ["phone", "address"])
                    : new PatientProfile(patientId, $"Demo Patient {i + 1}", new DateOnly(1930 + (i * 7 % 60), 1 + (i % 12), 1 + (i % 27)), null, null, []));
            }

            if (consents.ForPatient(patientId).Count > 0)
            {
                continue;
            }

            IReadOnlyList<DataCategory> clinical = [DataCategory.Vitals, DataCategory.Waveforms, DataCategory.Location, DataCategory.Glucose];
            await consents.GrantAsync(patientId, GranteeType.Organization, Organization, "General Hospital", "Organization", clinical, ["phone"], null, null, cancellationToken);
            await consents.GrantAsync(patientId, GranteeType.Research, string.Empty, "De-identified research", "Organization", [DataCategory.Research], [], null, null, cancellationToken);
            if (i == 0)
            {
                var carol = created["carol"];
                await consents.GrantAsync(patientId, GranteeType.Person, carol.Id, carol.DisplayName, "RelatedPerson",
                    [DataCategory.Vitals, DataCategory.Waveforms], [], null, null, cancellationToken);
            }
        }

        return credentials;
    }
}
