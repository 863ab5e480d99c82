namespace SensorChain.Clinical.Ecg;

/// <summary>A small ring of the most recent values with median and mean.</summary>
internal sealed class PeakHistory(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private readonly double[] _scratch = new double[capacity];
    private int _count;
    private int _next;

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        _count = Math.Min(_count + 1, _values.Length);
    }

    public double Mean
    {
        get
        {
            if (_count == 0)
            {
                return 0;
            }

            var sum = 0.0;
            for (var i = 0; i < _count; i++)
            {
                sum += _values[i];
            }

            return sum / _count;
        }
    }

    public double Median
    {
        get
        {
            if (_count == 0)
            {
                return 0;
            }

            Array.Copy(_values, _scratch, _count);
            Array.Sort(_scratch, 0, _count);
            return _count % 2 == 1 ? _scratch[_count / 2] : (_scratch[_count / 2 - 1] + _scratch[_count / 2]) / 2;
        }
    }
}
