using SensorChain.Cloud.Tests.Api;

namespace SensorChain.Storage.Tests;

/// <summary>The FHIR REST suite (the one SQLite passes) on PostgreSQL.</summary>
public sealed class PostgresFhirApiTests(PostgresFhirApiHost host) : FhirApiSuite<PostgresFhirApiHost>(host);
