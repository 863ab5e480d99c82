using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Hosting;

/// <summary>What <c>sensorchain demo</c> was asked to run.</summary>
/// <param name="Patients">Number of simulated patients, each with its own gateway and key.</param>
/// <param name="Scenarios">Scenarios assigned to patients in turn.</param>
/// <param name="Duration">Run time; null runs until Ctrl+C.</param>
/// <param name="DataDirectory">Where gateways and the cloud keep their data.</param>
/// <param name="Urls">Where the cloud serves its APIs.</param>
internal sealed record DemoSettings(int Patients, IReadOnlyList<Scenario> Scenarios, TimeSpan? Duration, string DataDirectory, string Urls);
