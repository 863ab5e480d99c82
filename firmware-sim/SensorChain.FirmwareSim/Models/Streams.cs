namespace SensorChain.FirmwareSim.Models;

/// <summary>Noise stream ids: each random quantity draws from its own stream so models do not share values.</summary>
internal static class Streams
{
    public const long BeatJitter = 1;
    public const long EcgNoise = 2;
    public const long MotionArtefact = 3;
    public const long PpgNoiseRed = 4;
    public const long PpgNoiseIr = 5;
    public const long AccelNoiseX = 6;
    public const long AccelNoiseY = 7;
    public const long AccelNoiseZ = 8;
    public const long ActivityX = 9;
    public const long ActivityY = 10;
    public const long ActivityZ = 11;
    public const long Emg = 12;
    public const long Fidget = 13;
    public const long PostureSlot = 14;
    public const long Scr = 15;
    public const long GsrNoise = 16;
    public const long Numerics = 17;
    public const long Spot = 18;
    public const long Morphology = 19;
    public const long Drift = 20;
    public const long TemperatureNoise = 21;
}
