using FsCheck;
using FsCheck.Fluent;
using SensorChain.Fhir;
using SensorChain.FhirApi.Subscriptions;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;

namespace SensorChain.Cloud.Tests.Api;

public sealed class SubscriptionCriteriaTests
{
    private static readonly Observation HeartRate = new()
    {
        Status = "final",
        Category = [CodeableConcept.Of(FhirSystems.ObservationCategory, "vital-signs")],
        Code = CodeableConcept.Of(FhirSystems.Loinc, "8867-4"),
        Subject = ResourceReference.To("Patient", "p1"),
    };

    [Theory]
    [InlineData("Observation?patient=p1&code=http://loinc.org|8867-4", true)]
    [InlineData("Observation?subject=Patient/p1&code=8867-4,9279-1&category=vital-signs", true)]
    [InlineData("Observation", true)]
    [InlineData("Observation?patient=p2", false)]
    [InlineData("Observation?code=http://snomed.info/sct|8867-4", false)]
    [InlineData("Observation?category=laboratory", false)]
    [InlineData("DetectedIssue?patient=p1", false)]
    public void Criteria_match_observations_as_a_search_would(string criteria, bool matches)
    {
        var parsed = SubscriptionCriteria.TryParse(criteria, out var error);
        Assert.True(parsed is not null, error);
        Assert.Equal(matches, parsed.Matches(HeartRate));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("Patient?name=x", "not supported")]
    [InlineData("Observation?code=", "empty value")]
    [InlineData("Observation?code=http://loinc.org|", "empty value")]
    [InlineData("DetectedIssue?code=1", "'code' is not supported")]
    [InlineData("Observation?patient=a&patient=b", "'patient' is not supported")]
    public void Unsupported_criteria_say_what_is_wrong(string criteria, string says)
    {
        Assert.Null(SubscriptionCriteria.TryParse(criteria, out var error));
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_criteria_never_crash_the_parser_or_the_matcher() =>
        Prop.ForAll<string>(text =>
        {
            var parsed = SubscriptionCriteria.TryParse("Observation?" + text, out var error);
            return parsed is null ? error is not null : parsed.Matches(HeartRate) || !parsed.Matches(HeartRate);
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("glu", PatientDataCategory.Glucose)]
    [InlineData("ecg", PatientDataCategory.Waveforms)]
    [InlineData("acc", PatientDataCategory.Location)]
    [InlineData("hr", PatientDataCategory.Vitals)]
    [InlineData("bp", PatientDataCategory.Vitals)]
    public void Observation_codes_map_to_one_consent_category(string slug, PatientDataCategory category)
    {
        var code = SensorCodes.All.Single(c => c.Slug == slug);
        Assert.Equal(category, SensorDataCategories.For(code));
        Assert.Equal(category, SensorDataCategories.For(HeartRate with { Code = new CodeableConcept { Coding = code.Codings } }));
        Assert.Equal(category, SensorDataCategories.ForToken($"{code.Codings[0].System}|{code.PrimaryCode}"));
    }
}
