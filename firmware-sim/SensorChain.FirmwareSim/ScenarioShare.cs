namespace SensorChain.FirmwareSim;

/// <summary>One entry of a fleet's scenario mix: the scenario and its relative weight (any positive number).</summary>
public readonly record struct ScenarioShare(Scenario Scenario, double Weight);
