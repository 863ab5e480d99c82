using System.Text.Json;
using System.Text.Json.Serialization;

namespace SensorChain.Edge.Hardware.Kit;

/// <summary>
/// The kit configuration file (kit.json), identical on a Raspberry Pi with real sensors and against the emulator:
/// which I2C buses exist (a bus with <c>socket</c> is tunnelled over a Unix socket, otherwise /dev/i2c-N), which chip
/// sits at which address and rate, and which serial devices are on which port. See docs/hardware.md.
/// </summary>
public sealed record KitConfig
{
    /// <summary>I2C buses.</summary>
    public IReadOnlyList<KitBusConfig> I2c { get; init; } = [];

    /// <summary>I2C sensors.</summary>
    public IReadOnlyList<KitSensorConfig> Sensors { get; init; } = [];

    /// <summary>Serial devices.</summary>
    public IReadOnlyList<KitSerialConfig> Serial { get; init; } = [];

    /// <summary>JSON options used for kit.json (camelCase, comments allowed).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Chips the gateway knows.</summary>
    public static readonly string[] KnownChips = ["max30102", "ads1115-ecg", "ads1115-aux", "tmp117", "adxl345"];

    /// <summary>Serial protocols the gateway knows.</summary>
    public static readonly string[] KnownSerialDevices = ["glucose-astm", "bp-nmea"];

    /// <summary>Parses and validates; throws <see cref="KitConfigException"/> naming what is wrong.</summary>
    public static KitConfig Parse(string json)
    {
        KitConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<KitConfig>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new KitConfigException($"kit.json is not valid JSON for a kit: {ex.Message}", ex);
        }

        if (config is null)
        {
            throw new KitConfigException("kit.json is empty.");
        }

        config.Validate();
        return config;
    }

    /// <summary>Reads and validates a file.</summary>
    public static KitConfig Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Serializes.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws <see cref="KitConfigException"/> when inconsistent.</summary>
    public void Validate()
    {
        var buses = new HashSet<int>();
        foreach (var bus in I2c ?? throw new KitConfigException("i2c must be a list."))
        {
            if (bus is null || bus.Bus < 0 || !buses.Add(bus.Bus))
            {
                throw new KitConfigException($"i2c: bus {bus?.Bus} is negative or listed twice.");
            }
        }

        var used = new HashSet<(int, int)>();
        for (var i = 0; i < (Sensors ?? throw new KitConfigException("sensors must be a list.")).Count; i++)
        {
            var s = Sensors[i] ?? throw new KitConfigException($"sensors[{i}] is null.");
            if (Array.IndexOf(KnownChips, s.Chip) < 0)
            {
                throw new KitConfigException($"sensors[{i}].chip '{s.Chip}' is unknown; use one of {string.Join(", ", KnownChips)}.");
            }

            if (!buses.Contains(s.Bus))
            {
                throw new KitConfigException($"sensors[{i}].bus {s.Bus} is not declared under i2c.");
            }

            if (s.Address is < 0x08 or > 0x77 || !used.Add((s.Bus, s.Address)))
            {
                throw new KitConfigException($"sensors[{i}].address {s.Address} (0x{s.Address:X2}) is outside 0x08..0x77 or used twice on bus {s.Bus}.");
            }

            if (s.RateHz is <= 0 or > 1000)
            {
                throw new KitConfigException($"sensors[{i}].rateHz {s.RateHz} must be in 1..1000.");
            }
        }

        for (var i = 0; i < (Serial ?? throw new KitConfigException("serial must be a list.")).Count; i++)
        {
            var p = Serial[i] ?? throw new KitConfigException($"serial[{i}] is null.");
            if (Array.IndexOf(KnownSerialDevices, p.Device) < 0)
            {
                throw new KitConfigException($"serial[{i}].device '{p.Device}' is unknown; use one of {string.Join(", ", KnownSerialDevices)}.");
            }

            if (string.IsNullOrWhiteSpace(p.Path))
            {
                throw new KitConfigException($"serial[{i}].path is missing.");
            }

            try
            {
                _ = SensorChain.Edge.Hardware.Serial.TermiosSerialPort.SpeedCode(p.Baud);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new KitConfigException($"serial[{i}].baud {p.Baud} is not a standard rate (1200..230400).");
            }
        }
    }
}
