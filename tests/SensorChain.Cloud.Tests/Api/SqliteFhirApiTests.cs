namespace SensorChain.Cloud.Tests.Api;

/// <summary>The FHIR REST suite on the embedded SQLite store.</summary>
public sealed class SqliteFhirApiTests(FhirApiHost host) : FhirApiSuite<FhirApiHost>(host);
