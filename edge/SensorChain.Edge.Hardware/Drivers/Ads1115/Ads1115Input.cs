namespace SensorChain.Edge.Hardware.Drivers.Ads1115;

/// <summary>MUX[2:0]: the input pair converted.</summary>
public enum Ads1115Input
{
    /// <summary>AIN0 − AIN1.</summary>
    Ain0MinusAin1 = 0,
    /// <summary>AIN0 − AIN3.</summary>
    Ain0MinusAin3 = 1,
    /// <summary>AIN1 − AIN3.</summary>
    Ain1MinusAin3 = 2,
    /// <summary>AIN2 − AIN3.</summary>
    Ain2MinusAin3 = 3,
    /// <summary>AIN0 single-ended.</summary>
    Ain0 = 4,
    /// <summary>AIN1 single-ended.</summary>
    Ain1 = 5,
    /// <summary>AIN2 single-ended.</summary>
    Ain2 = 6,
    /// <summary>AIN3 single-ended.</summary>
    Ain3 = 7,
}
