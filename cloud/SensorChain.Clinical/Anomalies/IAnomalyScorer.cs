namespace SensorChain.Clinical.Anomalies;

/// <summary>A streaming, causal anomaly score in [0,1]: the score of a value uses only that value and the ones before it.</summary>
public interface IAnomalyScorer
{
    /// <summary>Scores <paramref name="value"/>, then remembers it. Non-finite values score 0 and are not remembered.</summary>
    double Update(double value);
}
