using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Commands.Fleet;

/// <summary>What <c>sim fleet</c> runs (validated by <see cref="SimFleetCommand"/>).</summary>
internal sealed record FleetSettings(
    int Patients,
    string Broker,
    string? Pki,
    string DataDirectory,
    IReadOnlyList<ScenarioShare> Mix,
    long Seed,
    TimeSpan? Duration,
    string? EnrollDirectory,
    string? EnrollPostgres);
