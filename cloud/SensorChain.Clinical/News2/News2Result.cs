namespace SensorChain.Clinical.News2;

/// <summary>A NEWS2 score with its parts.</summary>
/// <param name="Total">Aggregate score.</param>
/// <param name="HasRedScore">Some single parameter scored 3.</param>
/// <param name="Response">The response it calls for.</param>
/// <param name="ParametersScored">How many of the five home parameters were available.</param>
public sealed record News2Result(int Total, bool HasRedScore, News2Response Response, int ParametersScored);
