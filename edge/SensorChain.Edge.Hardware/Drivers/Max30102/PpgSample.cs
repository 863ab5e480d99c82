namespace SensorChain.Edge.Hardware.Drivers.Max30102;

/// <summary>One FIFO sample in SpO2 mode: red (LED1) and infrared (LED2) ADC counts, 18-bit.</summary>
public readonly record struct PpgSample(int Red, int Ir);
