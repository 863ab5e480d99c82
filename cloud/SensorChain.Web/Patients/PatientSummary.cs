using SensorChain.Web.Clinical;
using SensorChain.Web.Consent;
using SensorChain.Web.Live;

namespace SensorChain.Web.Patients;

/// <summary>One row of the patient list, or the header of the live view.</summary>
/// <param name="PatientId">Patient id.</param>
/// <param name="Profile">Profile with private fields hidden as consent requires (null when none is recorded).</param>
/// <param name="Categories">Categories the viewer may see.</param>
/// <param name="Latest">Latest vitals, filtered.</param>
/// <param name="News2">NEWS2 (needs the vitals category).</param>
public sealed record PatientSummary(string PatientId, PatientProfile? Profile, IReadOnlyList<string> Categories, VitalsSnapshot? Latest, News2Result? News2);
