namespace SensorChain.Clinical.Ecg;

/// <summary>
/// Matches detections to reference beats: a pair matches when at most <c>tolerance</c> samples apart; each beat and
/// each detection is used at most once; pairs are taken greedily, closest first.
/// </summary>
public static class Ec57Scorer
{
    /// <summary>Scores sorted detections against sorted reference beats.</summary>
    public static BeatMatch Score(ReadOnlySpan<int> reference, ReadOnlySpan<int> detections, int tolerance)
        => Score(reference, detections, tolerance, []);

    /// <summary>
    /// Scores like <see cref="Score(ReadOnlySpan{int}, ReadOnlySpan{int}, int)"/> but leaves out reference beats and
    /// detections inside <paramref name="excluded"/> intervals (inclusive sample ranges), as EC57 does for
    /// ventricular flutter/fibrillation episodes, where there are no discrete QRS complexes to detect.
    /// </summary>
    public static BeatMatch Score(ReadOnlySpan<int> reference, ReadOnlySpan<int> detections, int tolerance, IReadOnlyList<(int Start, int End)> excluded)
    {
        if (excluded.Count > 0)
        {
            reference = Keep(reference, excluded);
            detections = Keep(detections, excluded);
        }

        var pairs = new List<(int Distance, int Ref, int Det)>(reference.Length * 2);
        var start = 0;
        for (var r = 0; r < reference.Length; r++)
        {
            while (start < detections.Length && detections[start] < reference[r] - tolerance)
            {
                start++;
            }

            for (var d = start; d < detections.Length && detections[d] <= reference[r] + tolerance; d++)
            {
                pairs.Add((Math.Abs(detections[d] - reference[r]), r, d));
            }
        }

        pairs.Sort();
        var refUsed = new bool[reference.Length];
        var detUsed = new bool[detections.Length];
        var tp = 0;
        foreach (var (_, r, d) in pairs)
        {
            if (!refUsed[r] && !detUsed[d])
            {
                refUsed[r] = true;
                detUsed[d] = true;
                tp++;
            }
        }

        return new BeatMatch(tp, detections.Length - tp, reference.Length - tp);
    }

    private static int[] Keep(ReadOnlySpan<int> samples, IReadOnlyList<(int Start, int End)> excluded)
    {
        var kept = new List<int>(samples.Length);
        foreach (var s in samples)
        {
            var inside = false;
            foreach (var (start, end) in excluded)
            {
                inside |= s >= start && s <= end;
            }

            if (!inside)
            {
                kept.Add(s);
            }
        }

        return [.. kept];
    }
}
