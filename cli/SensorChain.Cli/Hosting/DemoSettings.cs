using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Hosting;

/// <summary>What <c>sensorchain demo</c> was asked to run.</summary>
/// <param name="Patients">Number of simulated patients, each with its own gateway and key.</param>
/// <param name="Scenarios">Scenarios assigned to patients in turn.</param>
/// <param name="Duration">Run time; null runs until Ctrl+C.</param>
/// <param name="DataDirectory">Where gateways and the cloud keep their data.</param>
/// <param name="Urls">Where the cloud serves its APIs.</param>
/// <param name="Broker">MQTT broker URL (mqtt:// or mqtts://) instead of the in-process bus, or null.</param>
/// <param name="Pki">PKI folder of deploy/local/pki.sh for an mqtts:// broker.</param>
internal sealed record DemoSettings(int Patients, IReadOnlyList<Scenario> Scenarios, TimeSpan? Duration, string DataDirectory, string Urls, string? Broker = null, string? Pki = null);
