namespace SensorChain.Web.Consent;

/// <summary>
/// Identifying details of a patient kept by the web app. Fields listed in <see cref="PrivateFields"/> are shown
/// only to the patient and to grantees whose consent reveals them.
/// </summary>
/// <param name="PatientId">FHIR Patient id (pseudonymous).</param>
/// <param name="Name">Full name.</param>
/// <param name="BirthDate">Date of birth.</param>
/// <param name="Phone">Phone number.</param>
/// <param name="Address">Postal address.</param>
/// <param name="PrivateFields">Names of private fields: name, birthDate, phone, address.</param>
public sealed record PatientProfile(string PatientId, string Name, DateOnly? BirthDate, string? Phone, string? Address, IReadOnlyList<string> PrivateFields)
{
    /// <summary>The field names a patient may mark private.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["name", "birthDate", "phone", "address"];

    /// <summary>A copy with the private fields that <paramref name="revealed"/> does not list blanked.</summary>
    public PatientProfile Redacted(IReadOnlyCollection<string> revealed)
    {
        bool Show(string field) => !PrivateFields.Contains(field) || revealed.Contains(field);
        return this with
        {
            Name = Show("name") ? Name : "(private)",
            BirthDate = Show("birthDate") ? BirthDate : null,
            Phone = Show("phone") ? Phone : null,
            Address = Show("address") ? Address : null,
        };
    }
}
